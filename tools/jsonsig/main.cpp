// SPDX-License-Identifier: MIT
// Placeholder so the tree builds; the CLI is written by the foundation issue.
#include <cstdio>
int main() {
  std::fputs("jsonsig: not built yet\n", stderr);
  return 2;
}
