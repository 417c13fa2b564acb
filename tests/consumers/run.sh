#!/usr/bin/env bash
# Builds and runs each tiny consumer project against this checkout:
#   find_package after install, add_subdirectory, Meson subproject, pkg-config.
# Usage: bash tests/consumers/run.sh WORKDIR
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${1:?usage: run.sh WORKDIR}
rm -rf "$work"; mkdir -p "$work"
pass=0; fail=0
check() {  # name, command...
  local name=$1; shift
  if "$@" >"$work/$name.log" 2>&1; then echo "consumer $name: ok"; pass=$((pass + 1))
  else echo "consumer $name: FAILED"; tail -30 "$work/$name.log"; fail=$((fail + 1)); fi
}
find_package_path() {
  cmake -S "$root" -B "$work/lib" -G Ninja -DJSONSIG_BUILD_TESTS=OFF -DJSONSIG_BUILD_TOOLS=OFF \
    -DJSONSIG_BUILD_BENCH=OFF -DJSONSIG_BUILD_EXAMPLES=OFF -DJSONSIG_FUZZ_REPLAY=OFF \
    -DCMAKE_INSTALL_PREFIX="$work/prefix"
  cmake --build "$work/lib" && cmake --install "$work/lib"
  cmake -S "$here/cmake_find_package" -B "$work/fp" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix"
  cmake --build "$work/fp" && "$work/fp/consumer"
}
subdir_path() {
  cmake -S "$here/cmake_subdir" -B "$work/sd" -G Ninja -DJSONSIG_SOURCE="$root"
  cmake --build "$work/sd" && "$work/sd/consumer"
}
meson_path() {
  cp -r "$here/meson_subproject" "$work/ms" && cp "$here/main.cpp" "$work/main.cpp"
  mkdir -p "$work/ms/subprojects" && ln -s "$root" "$work/ms/subprojects/jsonsig"
  meson setup "$work/ms/build" "$work/ms" && ninja -C "$work/ms/build" && "$work/ms/build/consumer"
}
pkg_config_path() {
  [ -d "$work/prefix" ] || return 1  # needs the install from find_package_path
  local pc; pc=$(find "$work/prefix" -name jsonsig.pc -print -quit)
  PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --cflags jsonsig >"$work/pc.flags"
  # shellcheck disable=SC2046
  c++ -std=c++17 $(cat "$work/pc.flags") "$here/main.cpp" -o "$work/pc_consumer" && "$work/pc_consumer"
}
check find_package find_package_path
check add_subdirectory subdir_path
check meson_subproject meson_path
check pkg_config pkg_config_path
echo "consumers: $pass passed, $fail failed"
[ "$fail" = 0 ]
