// The default rule pack, compiled into the binary (see cmake/embed_files.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace escalint {

struct EmbeddedFile {
  std::string_view path;  // relative to rules/, e.g. "lang/sv.yaml"
  std::string_view contents;
};

const std::vector<EmbeddedFile>& embedded_rule_files();

}  // namespace escalint
