#include "rules/pack_codec.h"

#include <cstdint>
#include <stdexcept>

namespace escalint {

namespace {

constexpr std::string_view kMagic = "escalint-pack-1";

// Unsigned numbers as LEB128 varints; strings as their length, then their bytes.
class Writer {
 public:
  void number(std::uint64_t n) {
    do {
      const auto byte = static_cast<unsigned char>(n & 0x7F);
      n >>= 7;
      out_ += static_cast<char>(byte | (n ? 0x80 : 0));
    } while (n);
  }
  void integer(int n) { number(static_cast<std::uint32_t>(n)); }
  void flag(bool b) { number(b ? 1 : 0); }
  void text(std::string_view s) {
    number(s.size());
    out_.append(s);
  }
  void texts(const std::vector<std::string>& v) {
    number(v.size());
    for (const std::string& s : v) text(s);
  }
  void text_map(const std::map<std::string, std::string>& m) {
    number(m.size());
    for (const auto& [k, v] : m) {
      text(k);
      text(v);
    }
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::uint64_t number() {
    std::uint64_t n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) fail();
      const auto byte = static_cast<unsigned char>(in_[pos_++]);
      n |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return n;
    }
    fail();
  }
  int integer() { return static_cast<int>(static_cast<std::uint32_t>(number())); }
  bool flag() { return number() != 0; }
  std::string text() {
    const std::uint64_t n = number();
    if (n > in_.size() - pos_) fail();
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::vector<std::string> texts() {
    std::vector<std::string> v(count());
    for (std::string& s : v) s = text();
    return v;
  }
  std::map<std::string, std::string> text_map() {
    std::map<std::string, std::string> m;
    for (std::size_t n = count(); n > 0; --n) {
      std::string k = text();
      m.emplace(std::move(k), text());
    }
    return m;
  }
  // A count of items, each at least one byte long.
  std::size_t count() {
    const std::uint64_t n = number();
    if (n > in_.size() - pos_) fail();
    return static_cast<std::size_t>(n);
  }
  bool done() const { return pos_ == in_.size(); }
  [[noreturn]] static void fail() { throw std::runtime_error("the built-in rule pack is damaged"); }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

void write_groups(Writer& w, const std::vector<PatternGroup>& groups) {
  w.number(groups.size());
  for (const PatternGroup& g : groups) {
    w.text(g.name);
    w.texts(g.patterns);
    w.integer(g.max);
    w.texts(g.with);
  }
}

std::vector<PatternGroup> read_groups(Reader& r) {
  std::vector<PatternGroup> groups(r.count());
  for (PatternGroup& g : groups) {
    g.name = r.text();
    g.patterns = r.texts();
    g.max = r.integer();
    g.with = r.texts();
  }
  return groups;
}

// Every field of the structs in rule_pack.h, in declaration order, both ways.
void write_rule(Writer& w, const Rule& rule) {
  w.text(rule.id);
  w.integer(static_cast<int>(rule.kind));
  w.integer(static_cast<int>(rule.level));
  w.text(rule.check);
  w.integer(rule.weight);
  w.integer(rule.order);
  w.flag(rule.negation);
  w.integer(rule.min_count);
  w.text(rule.when_rule);
  w.integer(rule.then_within);
  w.text(rule.excused_by);
  w.text(rule.not_in_trigger_of);
  w.flag(rule.only_without_attachments);
  w.text(rule.source_file);
  w.number(rule.languages.size());
  for (const auto& [code, l] : rule.languages) {
    w.text(code);
    write_groups(w, l.evidence);
    write_groups(w, l.trigger);
    write_groups(w, l.unless);
    w.text_map(l.messages);
    w.text(l.title);
    w.text(l.why);
    w.text(l.hint);
    w.texts(l.passing_examples);
    w.texts(l.failing_examples);
  }
}

Rule read_rule(Reader& r) {
  Rule rule;
  rule.id = r.text();
  rule.kind = static_cast<RuleKind>(r.integer());
  rule.level = static_cast<Level>(r.integer());
  rule.check = r.text();
  rule.weight = r.integer();
  rule.order = r.integer();
  rule.negation = r.flag();
  rule.min_count = r.integer();
  rule.when_rule = r.text();
  rule.then_within = r.integer();
  rule.excused_by = r.text();
  rule.not_in_trigger_of = r.text();
  rule.only_without_attachments = r.flag();
  rule.source_file = r.text();
  for (std::size_t n = r.count(); n > 0; --n) {
    RuleLanguage& l = rule.languages[r.text()];
    l.evidence = read_groups(r);
    l.trigger = read_groups(r);
    l.unless = read_groups(r);
    l.messages = r.text_map();
    l.title = r.text();
    l.why = r.text();
    l.hint = r.text();
    l.passing_examples = r.texts();
    l.failing_examples = r.texts();
  }
  return rule;
}

void write_language(Writer& w, const LanguageData& l) {
  w.text(l.code);
  w.text(l.name);
  w.text(l.source_file);
  w.flag(l.spaced);
  w.flag(l.icu_abbreviations);
  w.text_map(l.macros);
  const NegationVocabulary& n = l.negation;
  for (const auto* list :
       {&n.before, &n.after, &n.pseudo, &n.not_yet, &n.clause_boundaries, &n.clause_punctuation}) {
    w.texts(*list);
  }
  w.integer(n.window_words);
  w.integer(n.window_words_after);
  w.texts(l.abbreviations);
  const RegionMarkers& m = l.markers;
  for (const auto* list :
       {&m.reply_header, &m.forward_header, &m.header_block_start, &m.header_block_field,
        &m.signature_start, &m.closing, &m.disclaimer, &m.inherited_subject, &m.subject_label}) {
    w.texts(*list);
  }
  w.text_map(l.ui);
  w.text(l.template_text);
}

LanguageData read_language(Reader& r) {
  LanguageData l;
  l.code = r.text();
  l.name = r.text();
  l.source_file = r.text();
  l.spaced = r.flag();
  l.icu_abbreviations = r.flag();
  l.macros = r.text_map();
  NegationVocabulary& n = l.negation;
  for (auto* list :
       {&n.before, &n.after, &n.pseudo, &n.not_yet, &n.clause_boundaries, &n.clause_punctuation}) {
    *list = r.texts();
  }
  n.window_words = r.integer();
  n.window_words_after = r.integer();
  l.abbreviations = r.texts();
  RegionMarkers& m = l.markers;
  for (auto* list :
       {&m.reply_header, &m.forward_header, &m.header_block_start, &m.header_block_field,
        &m.signature_start, &m.closing, &m.disclaimer, &m.inherited_subject, &m.subject_label}) {
    *list = r.texts();
  }
  l.ui = r.text_map();
  l.template_text = r.text();
  return l;
}

}  // namespace

std::string encode_rule_pack(const RulePack& pack) {
  Writer w;
  w.text(kMagic);
  w.number(pack.rules.size());
  for (const Rule& rule : pack.rules) write_rule(w, rule);
  w.number(pack.languages.size());
  for (const auto& [_, language] : pack.languages) write_language(w, language);
  return w.take();
}

RulePack decode_rule_pack(std::string_view bytes) {
  Reader r(bytes);
  if (r.text() != kMagic) Reader::fail();
  RulePack pack;
  pack.rules.resize(r.count());
  for (Rule& rule : pack.rules) rule = read_rule(r);
  for (std::size_t n = r.count(); n > 0; --n) {
    LanguageData l = read_language(r);
    const std::string code = l.code;
    pack.languages.emplace(code, std::move(l));
  }
  if (!r.done()) Reader::fail();
  return pack;
}

}  // namespace escalint
