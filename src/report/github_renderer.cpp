#include "report/github_renderer.h"

namespace escalint {

namespace {

// Workflow-command escaping: data escapes % CR LF; properties also : and ,.
std::string escape(const std::string& s, bool property) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

const char* command(Level level) {
  switch (level) {
    case Level::kError:
      return "error";
    case Level::kWarning:
      return "warning";
    case Level::kSuggestion:
      return "notice";
  }
  return "warning";
}

class GithubRenderer : public Renderer {
 public:
  explicit GithubRenderer(std::ostream& out) : out_(out) {}

  void draft(const DraftResult& r) override {
    for (const Finding& f : r.findings) {
      out_ << "::" << command(f.level) << " file=" << escape(r.source, true);
      if (f.location && f.location->position_prefix.empty()) {
        const Position& p = f.location->position;
        out_ << ",line=" << p.line << ",col=" << p.column << ",endLine=" << p.end_line
             << ",endColumn=" << p.end_column;
      }
      out_ << ",title=" << escape("escalint " + f.rule, true)
           << "::" << escape(f.message + " " + f.hint, false) << '\n';
    }
  }

  void error(const InputError& e) override {
    out_ << "::error file=" << escape(e.source, true)
         << ",title=escalint::" << escape(e.message, false) << '\n';
  }

  void finish() override { out_.flush(); }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Renderer> make_github_renderer(std::ostream& out) {
  return std::make_unique<GithubRenderer>(out);
}

}  // namespace escalint
