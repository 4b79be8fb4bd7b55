#include "rules/rule_loader.h"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

namespace escalint {

namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

// Collects problems while walking one file; each is prefixed with file, line and rule.
class Walker {
 public:
  Walker(const std::string& path, std::vector<std::string>* problems)
      : path_(path), problems_(problems) {}

  void set_rule(const std::string& id) { rule_ = id; }

  void problem(const YAML::Node& at, const std::string& what) {
    std::ostringstream os;
    os << path_;
    if (at.IsDefined() && at.Mark().line >= 0) os << ':' << at.Mark().line + 1;
    os << ": ";
    if (!rule_.empty()) os << "rule '" << rule_ << "': ";
    os << what;
    problems_->push_back(os.str());
  }

  // Reports keys of `map` that are not in `known`.
  void only_keys(const YAML::Node& map, std::initializer_list<const char*> known,
                 const std::string& where) {
    if (!map.IsMap()) return;
    for (const auto& kv : map) {
      const std::string key = kv.first.as<std::string>();
      if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; })) {
        problem(kv.first, "unknown key '" + key + "' in " + where);
      }
    }
  }

  std::string string(const YAML::Node& node, const std::string& what) {
    if (!node.IsDefined() || node.IsNull()) return {};
    if (!node.IsScalar()) {
      problem(node, what + " must be a string");
      return {};
    }
    return node.as<std::string>();
  }

  std::vector<std::string> strings(const YAML::Node& node, const std::string& what) {
    std::vector<std::string> out;
    if (!node.IsDefined() || node.IsNull()) return out;
    if (node.IsScalar()) return {node.as<std::string>()};
    if (!node.IsSequence()) {
      problem(node, what + " must be a list of strings");
      return out;
    }
    for (const auto& item : node) {
      if (item.IsScalar()) {
        out.push_back(item.as<std::string>());
      } else {
        problem(item, what + " must hold only strings");
      }
    }
    return out;
  }

  int integer(const YAML::Node& node, const std::string& what, int fallback) {
    if (!node.IsDefined()) return fallback;
    try {
      return node.as<int>();
    } catch (const YAML::Exception&) {
      problem(node, what + " must be a whole number");
      return fallback;
    }
  }

  bool boolean(const YAML::Node& node, const std::string& what, bool fallback = false) {
    if (!node.IsDefined()) return fallback;
    try {
      return node.as<bool>();
    } catch (const YAML::Exception&) {
      problem(node, what + " must be true or false");
      return fallback;
    }
  }

  std::map<std::string, std::string> string_map(const YAML::Node& node, const std::string& what) {
    std::map<std::string, std::string> out;
    if (!node.IsDefined() || node.IsNull()) return out;
    if (!node.IsMap()) {
      problem(node, what + " must be a map of strings");
      return out;
    }
    for (const auto& kv : node) out[kv.first.as<std::string>()] = string(kv.second, what);
    return out;
  }

  // A map of group name -> list of patterns, or -> {max: N, patterns: [...]}.
  std::vector<PatternGroup> groups(const YAML::Node& node, const std::string& what) {
    std::vector<PatternGroup> out;
    if (!node.IsDefined() || node.IsNull()) return out;
    if (node.IsSequence()) {
      out.push_back({what, strings(node, what), 0, {}});
      return out;
    }
    if (!node.IsMap()) {
      problem(node, what + " must be a list of patterns or a map of named groups");
      return out;
    }
    for (const auto& kv : node) {
      PatternGroup g;
      g.name = kv.first.as<std::string>();
      if (kv.second.IsMap()) {
        only_keys(kv.second, {"max", "patterns", "with"}, what + " group '" + g.name + "'");
        g.max = integer(kv.second["max"], "max", 0);
        g.with = strings(kv.second["with"], what + " group '" + g.name + "' with");
        g.patterns = strings(kv.second["patterns"], what + " group '" + g.name + "'");
      } else {
        g.patterns = strings(kv.second, what + " group '" + g.name + "'");
      }
      if (g.patterns.empty()) problem(kv.first, what + " group '" + g.name + "' has no patterns");
      out.push_back(std::move(g));
    }
    return out;
  }

 private:
  std::string path_;
  std::string rule_;
  std::vector<std::string>* problems_;
};

// An optional map section: the section itself, or an empty map when it is left out
// (looking keys up in a missing node would throw).
YAML::Node section(const YAML::Node& parent, const char* key) {
  const YAML::Node n = parent[key];
  return n.IsDefined() && n.IsMap() ? n : YAML::Node(YAML::NodeType::Map);
}

std::optional<RuleKind> parse_kind(const std::string& s) {
  if (s == "require") return RuleKind::kRequire;
  if (s == "forbid") return RuleKind::kForbid;
  if (s == "count") return RuleKind::kCount;
  if (s == "when-then") return RuleKind::kWhenThen;
  return std::nullopt;
}

void load_rule(const YAML::Node& root, Walker& w, const std::string& path, RulePack* pack) {
  Rule rule;
  rule.source_file = path;
  rule.id = w.string(root["id"], "id");
  w.set_rule(rule.id);
  if (rule.id.empty()) w.problem(root, "a rule file needs an 'id'");
  w.only_keys(
      root,
      {"id", "order", "kind", "level", "check", "weight", "negation", "min_count", "when_rule",
       "then_within", "excused_by", "not_in_trigger_of", "only_without_attachments", "languages"},
      "a rule");
  const std::string kind = w.string(root["kind"], "kind");
  if (auto k = parse_kind(kind)) {
    rule.kind = *k;
  } else {
    w.problem(root["kind"], "kind must be require, forbid, count or when-then, not '" + kind + "'");
  }
  const std::string level = w.string(root["level"], "level");
  if (auto l = parse_level(level)) {
    rule.level = *l;
  } else {
    w.problem(root["level"], "level must be error, warning or suggestion, not '" + level + "'");
  }
  rule.check = w.string(root["check"], "check");
  rule.weight = w.integer(root["weight"], "weight", 0);
  rule.order = w.integer(root["order"], "order", 0);
  rule.negation = w.boolean(root["negation"], "negation");
  rule.min_count = w.integer(root["min_count"], "min_count", 1);
  rule.when_rule = w.string(root["when_rule"], "when_rule");
  rule.then_within = w.integer(root["then_within"], "then_within", -1);
  rule.excused_by = w.string(root["excused_by"], "excused_by");
  rule.not_in_trigger_of = w.string(root["not_in_trigger_of"], "not_in_trigger_of");
  rule.only_without_attachments =
      w.boolean(root["only_without_attachments"], "only_without_attachments");
  const YAML::Node langs = root["languages"];
  if (!langs.IsMap() || langs.size() == 0)
    w.problem(root, "a rule needs 'languages' with at least one language");
  if (langs.IsMap()) {
    for (const auto& kv : langs) {
      const std::string code = kv.first.as<std::string>();
      const YAML::Node& n = kv.second;
      w.only_keys(n,
                  {"title", "why", "hint", "messages", "evidence", "trigger", "unless", "examples"},
                  "language " + code);
      RuleLanguage rl;
      rl.title = w.string(n["title"], "title");
      rl.why = w.string(n["why"], "why");
      rl.hint = w.string(n["hint"], "hint");
      rl.messages = w.string_map(n["messages"], "messages");
      rl.evidence = w.groups(n["evidence"], "evidence");
      rl.trigger = w.groups(n["trigger"], "trigger");
      rl.unless = w.groups(n["unless"], "unless");
      for (const PatternGroup& g : rl.evidence) {
        for (const std::string& other : g.with) {
          const bool known = std::any_of(rl.evidence.begin(), rl.evidence.end(),
                                         [&](const PatternGroup& e) { return e.name == other; });
          if (!known || other == g.name) {
            w.problem(n["evidence"], "evidence group '" + g.name + "' is 'with' '" + other +
                                         "', which is not another evidence group of language " +
                                         code);
          }
        }
      }
      const YAML::Node examples = section(n, "examples");
      w.only_keys(examples, {"pass", "fail"}, "examples");
      rl.passing_examples = w.strings(examples["pass"], "examples.pass");
      rl.failing_examples = w.strings(examples["fail"], "examples.fail");
      if (rl.evidence.empty()) w.problem(n, "language " + code + " has no evidence patterns");
      if (rl.messages.empty()) w.problem(n, "language " + code + " has no messages");
      if (rule.kind == RuleKind::kWhenThen && rule.when_rule.empty() && rl.trigger.empty()) {
        w.problem(n, "a when-then rule needs 'when_rule' or a 'trigger' in language " + code);
      }
      rule.languages[code] = std::move(rl);
    }
  }
  w.set_rule("");
  pack->rules.push_back(std::move(rule));
}

void load_language(const YAML::Node& root, Walker& w, const std::string& path, RulePack* pack) {
  LanguageData lang;
  lang.source_file = path;
  w.only_keys(root,
              {"language", "name", "spaced", "icu_abbreviations", "macros", "negation",
               "abbreviations", "markers", "ui", "template"},
              "a language file");
  lang.code = w.string(root["language"], "language");
  if (lang.code.empty()) w.problem(root, "a language file needs 'language' (a BCP 47 code)");
  lang.name = w.string(root["name"], "name");
  lang.spaced = w.boolean(root["spaced"], "spaced", true);
  lang.icu_abbreviations = w.boolean(root["icu_abbreviations"], "icu_abbreviations");
  // A long macro may be written as a block over several lines: its line breaks are
  // not part of the pattern.
  for (auto& [name, value] : w.string_map(root["macros"], "macros")) {
    std::erase(value, '\n');
    lang.macros[name] = value;
  }
  const YAML::Node neg = section(root, "negation");
  w.only_keys(neg,
              {"before", "after", "pseudo", "not_yet", "clause_boundaries", "clause_punctuation",
               "window_words", "window_words_after"},
              "negation");
  lang.negation.before = w.strings(neg["before"], "negation.before");
  lang.negation.after = w.strings(neg["after"], "negation.after");
  lang.negation.pseudo = w.strings(neg["pseudo"], "negation.pseudo");
  lang.negation.not_yet = w.strings(neg["not_yet"], "negation.not_yet");
  lang.negation.clause_boundaries =
      w.strings(neg["clause_boundaries"], "negation.clause_boundaries");
  lang.negation.clause_punctuation =
      w.strings(neg["clause_punctuation"], "negation.clause_punctuation");
  lang.negation.window_words = w.integer(neg["window_words"], "negation.window_words", 6);
  lang.negation.window_words_after =
      w.integer(neg["window_words_after"], "negation.window_words_after", 2);
  lang.abbreviations = w.strings(root["abbreviations"], "abbreviations");
  const YAML::Node m = section(root, "markers");
  w.only_keys(m,
              {"reply_header", "forward_header", "header_block_start", "header_block_field",
               "signature_start", "closing", "disclaimer", "inherited_subject", "subject_label"},
              "markers");
  // Each marker must compile on its own (text/regions.h joins them per kind).
  const std::pair<const char*, std::vector<std::string>*> marker_lists[] = {
      {"reply_header", &lang.markers.reply_header},
      {"forward_header", &lang.markers.forward_header},
      {"header_block_start", &lang.markers.header_block_start},
      {"header_block_field", &lang.markers.header_block_field},
      {"signature_start", &lang.markers.signature_start},
      {"closing", &lang.markers.closing},
      {"disclaimer", &lang.markers.disclaimer},
      {"inherited_subject", &lang.markers.inherited_subject},
      {"subject_label", &lang.markers.subject_label}};
  for (const auto& [name, list] : marker_lists) {
    const std::string what = std::string("markers.") + name;
    *list = w.strings(m[name], what);
    for (const std::string& p : *list) {
      const RE2 check(p, RE2::Quiet);
      if (!check.ok()) w.problem(m[name], what + " '" + p + "': " + check.error());
    }
  }
  lang.ui = w.string_map(root["ui"], "ui");
  lang.template_text = w.string(root["template"], "template");
  pack->languages[lang.code] = std::move(lang);
}

}  // namespace

RuleError::RuleError(const std::vector<std::string>& problems)
    : std::runtime_error(join_lines(problems)), problems_(problems) {}

std::vector<RuleSource> read_rule_directory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<RuleSource> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw RuleError({dir + ": not a rule folder (expected rule *.yaml files and lang/)"});
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".yaml") continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    if (!in) throw RuleError({it->path().string() + ": cannot read"});
    out.push_back({it->path().string(), buf.str()});
  }
  if (ec) throw RuleError({dir + ": " + ec.message()});
  std::sort(out.begin(), out.end(),
            [](const RuleSource& a, const RuleSource& b) { return a.path < b.path; });
  return out;
}

RulePack load_rule_pack(const std::vector<RuleSource>& sources) {
  RulePack pack;
  std::vector<std::string> problems;
  for (const RuleSource& src : sources) {
    Walker w(src.path, &problems);
    YAML::Node root;
    try {
      root = YAML::Load(src.contents);
    } catch (const YAML::ParserException& e) {
      problems.push_back(src.path + ":" + std::to_string(e.mark.line + 1) + ": YAML: " + e.msg);
      continue;
    }
    if (!root.IsMap()) {
      w.problem(root, "expected a map at the top of the file");
      continue;
    }
    const bool is_language = root["language"].IsDefined();
    try {
      if (is_language) {
        load_language(root, w, src.path, &pack);
      } else {
        load_rule(root, w, src.path, &pack);
      }
    } catch (const YAML::Exception& e) {
      problems.push_back(src.path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
  }
  std::stable_sort(pack.rules.begin(), pack.rules.end(), [](const Rule& a, const Rule& b) {
    return std::tie(a.order, a.id) < std::tie(b.order, b.id);
  });
  std::set<std::string> ids;
  for (const Rule& r : pack.rules) {
    if (!r.id.empty() && !ids.insert(r.id).second)
      problems.push_back(r.source_file + ": rule '" + r.id + "' is defined twice");
  }
  for (const Rule& r : pack.rules) {
    for (const std::string* ref : {&r.when_rule, &r.excused_by, &r.not_in_trigger_of}) {
      if (!ref->empty() && !ids.count(*ref)) {
        problems.push_back(r.source_file + ": rule '" + r.id + "': refers to unknown rule '" +
                           *ref + "'");
      }
    }
    for (const auto& [code, _] : r.languages) {
      if (!pack.languages.count(code)) {
        problems.push_back(r.source_file + ": rule '" + r.id + "': language '" + code +
                           "' has no lang/" + code + ".yaml");
      }
    }
  }
  if (pack.rules.empty() && problems.empty()) problems.push_back("the rule pack holds no rules");
  if (!problems.empty()) throw RuleError(problems);
  return pack;
}

}  // namespace escalint
