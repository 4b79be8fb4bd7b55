// Files compiled into the binary by cmake/embed_files.cmake: the encoded default rule
// pack (see rules/builtin_pack.h) and the web page's files.
#pragma once

#include <string_view>
#include <vector>

namespace escalint {

struct EmbeddedFile {
  std::string_view path;  // relative to the embedded folder
  std::string_view contents;
};

// One file: the default rule pack, encoded (rules/pack_codec.h).
const std::vector<EmbeddedFile>& embedded_rule_files();

}  // namespace escalint
