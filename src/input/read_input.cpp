#include "input/read_input.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>

#include "input/text_reader.h"
#include "text/utf8.h"

namespace escalint {

namespace fs = std::filesystem;

namespace {

// Extensions a folder walk picks up; a file named explicitly is read whatever its name.
const std::set<std::string> kDraftExtensions = {".txt", ".md", ".markdown", ".text"};

std::string human_size(std::size_t bytes) {
  return std::to_string(bytes >> 20) + " MiB";
}

// Reads at most max_bytes + 1 bytes, so an oversized input is detected without
// reading all of it.
bool read_capped(std::istream& in, std::size_t max_bytes, std::string* out) {
  out->clear();
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out->append(buf, static_cast<std::size_t>(in.gcount()));
    if (out->size() > max_bytes) return false;
  }
  return true;
}

void read_file(const std::string& path, const ReadOptions& options, const InputSink& sink) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    sink.error({path, 0, "no such file"});
    return;
  }
  if (fs::is_directory(status)) {
    if (!options.recursive) {
      sink.error({path, 0, "is a folder (use --recursive to check every draft in it)"});
      return;
    }
    std::vector<std::string> files;
    for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file() && kDraftExtensions.count(it->path().extension().string())) {
        files.push_back(it->path().string());
      }
    }
    if (ec) sink.error({path, 0, "cannot walk the folder: " + ec.message()});
    std::sort(files.begin(), files.end());
    if (files.empty() && !ec) sink.error({path, 0, "the folder holds no drafts (.txt, .md)"});
    for (const std::string& f : files) read_file(f, options, sink);
    return;
  }
  if (!fs::is_regular_file(status)) {
    sink.error({path, 0, "not a regular file"});
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    sink.error({path, 0, std::string("cannot open: ") + std::strerror(errno)});
    return;
  }
  std::string bytes;
  if (!read_capped(in, options.max_bytes, &bytes)) {
    sink.error({path, 0, "larger than the " + human_size(options.max_bytes) + " limit (see --max-size)"});
    return;
  }
  if (in.bad()) {
    sink.error({path, 0, "read error"});
    return;
  }
  read_bytes(path, std::move(bytes), sink);
}

}  // namespace

void read_bytes(const std::string& source, std::string bytes, const InputSink& sink) {
  const bool utf16 = bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                                           (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
  if (!utf16 && looks_binary(bytes)) {
    sink.error({source, 0, "binary file (a NUL byte in the first 8 KiB), not a draft"});
    return;
  }
  if (bytes.find_first_not_of(" \t\r\n") == std::string::npos) {
    sink.error({source, 0, "empty draft: nothing to check"});
    return;
  }
  sink.draft(read_text_draft(source, std::move(bytes)));
}

void read_inputs(const std::vector<std::string>& inputs, const ReadOptions& options, const InputSink& sink) {
  for (const std::string& input : inputs) {
    if (input == "-") {
      std::string bytes;
      if (!read_capped(std::cin, options.max_bytes, &bytes)) {
        sink.error({"-", 0, "standard input is larger than the " + human_size(options.max_bytes) + " limit"});
        continue;
      }
      read_bytes("-", std::move(bytes), sink);
    } else {
      read_file(input, options, sink);
    }
  }
}

}  // namespace escalint
