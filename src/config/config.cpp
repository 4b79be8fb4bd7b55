#include "config/config.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

namespace escalint {

namespace fs = std::filesystem;

std::string find_config(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return {};
  for (int depth = 0; depth < 64; ++depth) {
    const fs::path candidate = dir / kConfigFileName;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return {};
}

namespace {

[[noreturn]] void fail(const std::string& path, const YAML::Node& at, const std::string& what) {
  throw ConfigError(path + (at.IsDefined() ? ":" + std::to_string(at.Mark().line + 1) : "") + ": " +
                    what);
}

std::vector<std::string> string_list(const std::string& path, const YAML::Node& n,
                                     const char* key) {
  std::vector<std::string> out;
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!n.IsSequence()) fail(path, n, std::string(key) + " must be a list");
  for (const auto& item : n) {
    if (!item.IsScalar()) fail(path, item, std::string(key) + " must hold only strings");
    out.push_back(item.as<std::string>());
  }
  return out;
}

}  // namespace

Config load_config(const std::string& path) {
  Config c;
  c.path = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path + ": cannot read");
  std::ostringstream buf;
  buf << in.rdbuf();
  YAML::Node root;
  try {
    root = YAML::Load(buf.str());
  } catch (const YAML::ParserException& e) {
    throw ConfigError(path + ":" + std::to_string(e.mark.line + 1) + ": YAML: " + e.msg);
  }
  if (root.IsNull()) return c;
  if (!root.IsMap()) fail(path, root, "expected a map of settings");
  static const std::set<std::string> known = {
      "language", "message_language", "default_language", "fail_level",    "rules_dir", "disable",
      "enable",   "levels",           "min_counts",       "partner_names", "products"};
  try {
    for (const auto& kv : root) {
      const std::string key = kv.first.as<std::string>();
      if (!known.count(key)) fail(path, kv.first, "unknown setting '" + key + "'");
    }
    auto scalar = [&](const char* key) {
      const YAML::Node n = root[key];
      if (n.IsDefined() && !n.IsScalar()) fail(path, n, std::string(key) + " must be a string");
      return n.IsDefined() ? n.as<std::string>() : std::string();
    };
    c.lint.language = scalar("language");
    c.lint.message_language = scalar("message_language");
    if (const std::string d = scalar("default_language"); !d.empty()) c.lint.default_language = d;
    if (const std::string f = scalar("fail_level"); !f.empty()) {
      c.fail_level = parse_level(f);
      if (!c.fail_level)
        fail(path, root["fail_level"], "fail_level must be error, warning or suggestion");
    }
    if (const std::string r = scalar("rules_dir"); !r.empty()) {
      c.rules_dir = (fs::path(path).parent_path() / r).lexically_normal().string();
    }
    for (const std::string& id : string_list(path, root["disable"], "disable"))
      c.lint.disable.insert(id);
    for (const std::string& id : string_list(path, root["enable"], "enable"))
      c.lint.enable.insert(id);
    c.lint.partner_names = string_list(path, root["partner_names"], "partner_names");
    c.lint.product_names = string_list(path, root["products"], "products");
    if (const YAML::Node levels = root["levels"]; levels.IsDefined()) {
      if (!levels.IsMap()) fail(path, levels, "levels must map rule ids to levels");
      for (const auto& kv : levels) {
        auto level = parse_level(kv.second.as<std::string>());
        if (!level) fail(path, kv.second, "a level must be error, warning or suggestion");
        c.lint.levels[kv.first.as<std::string>()] = *level;
      }
    }
    if (const YAML::Node counts = root["min_counts"]; counts.IsDefined()) {
      if (!counts.IsMap()) fail(path, counts, "min_counts must map rule ids to numbers");
      for (const auto& kv : counts)
        c.lint.min_counts[kv.first.as<std::string>()] = kv.second.as<int>();
    }
  } catch (const YAML::Exception& e) {
    throw ConfigError(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return c;
}

}  // namespace escalint
