#!/usr/bin/env bash
# Builds and runs each tiny consumer project against this checkout:
#   find_package after install, add_subdirectory, FetchContent, Meson subproject, pkg-config.
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
fetchcontent_path() {
  # FetchContent needs a repository or an archive: copy this checkout's files (tracked and
  # untracked-but-not-ignored ones in a git checkout) into a fresh git repository tagged v1.0.0
  # (the README's recipe), or into a tarball fetched by URL when git is missing.
  local src="$work/fc-src" list="$work/fc-files"
  mkdir -p "$src"
  if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$root" ls-files -z --cached --others --exclude-standard |
      while IFS= read -r -d '' f; do [ -e "$root/$f" ] && printf '%s\0' "$f"; done >"$list"
    tar -C "$root" --null -T "$list" -cf - | tar -C "$src" -xf -
  else
    tar -C "$root" --exclude=./.git --exclude='./build*' --exclude=node_modules -cf - . |
      tar -C "$src" -xf -
  fi
  local fetch
  if command -v git >/dev/null; then
    git -C "$src" init -q && git -C "$src" add -A &&
      git -C "$src" -c user.name=ci -c user.email=ci@localhost -c commit.gpgsign=false \
        commit -q -m snapshot && git -C "$src" tag v1.0.0
    fetch=(-DJSONSIG_GIT="$src" -DJSONSIG_GIT_TAG=v1.0.0)
  else
    tar -C "$work" -czf "$work/jsonsig.tar.gz" fc-src
    fetch=(-DJSONSIG_URL="file://$work/jsonsig.tar.gz")
  fi
  echo "fetch: ${fetch[*]}"
  cmake -S "$here/cmake_fetchcontent" -B "$work/fc" -G Ninja "${fetch[@]}"
  cmake --build "$work/fc" && "$work/fc/consumer"
  # No side effects when not top level: ctest sees only the consumer's own test, and the
  # install tree holds only the consumer's program.
  ctest --test-dir "$work/fc" -N | tee "$work/fc-ctest"
  grep -qx 'Total Tests: 1' "$work/fc-ctest" || { echo "jsonsig added ctest entries"; return 1; }
  ctest --test-dir "$work/fc" --output-on-failure
  cmake --install "$work/fc" --prefix "$work/fc-prefix"
  local files; files=$(cd "$work/fc-prefix" && find . ! -type d | sort)
  [ "$files" = "./bin/consumer" ] || { echo "jsonsig installed files unasked: $files"; return 1; }
  # Asked for (JSONSIG_INSTALL=ON), jsonsig installs its headers and package files.
  cmake -S "$here/cmake_fetchcontent" -B "$work/fc" -DJSONSIG_INSTALL=ON
  cmake --build "$work/fc" && cmake --install "$work/fc" --prefix "$work/fc-prefix-asked"
  [ -f "$work/fc-prefix-asked/include/jsonsig/jsonsig.hpp" ] &&
    [ -n "$(find "$work/fc-prefix-asked" -name jsonsigConfig.cmake)" ] ||
    { echo "JSONSIG_INSTALL=ON installed no headers or package files"; return 1; }
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
check fetchcontent fetchcontent_path
check meson_subproject meson_path
check pkg_config pkg_config_path
echo "consumers: $pass passed, $fail failed"
[ "$fail" = 0 ]
