#include "report/text_renderer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace escalint {

namespace {

// "de", or "de+en" for a draft checked with the rules of two languages.
std::string languages_of(const DraftResult& r) {
  std::string out;
  for (const std::string& l : r.languages) out += (out.empty() ? "" : "+") + l;
  return out.empty() ? r.language : out;
}

const char* kReset = "\033[0m";
const char* kBold = "\033[1m";
const char* kDim = "\033[2m";
const char* kRed = "\033[1;31m";
const char* kYellow = "\033[1;33m";
const char* kCyan = "\033[1;36m";
const char* kGreen = "\033[1;32m";

// Display width of text[0, bytes): wide East Asian characters take two columns.
std::size_t display_width(std::string_view text, std::size_t bytes) {
  std::size_t width = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0;
  const int32_t end = static_cast<int32_t>(std::min(bytes, text.size()));
  while (i < end) {
    UChar32 c;
    U8_NEXT(s, i, end, c);
    if (c < 0) c = 0xFFFD;
    const int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (c == '\t') {
      width += 1;
    } else if (u_getCombiningClass(c) == 0 && u_charType(c) != U_NON_SPACING_MARK) {
      width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
    }
  }
  return width;
}

class TextRenderer : public Renderer {
 public:
  TextRenderer(std::ostream& out, const RulePack& pack, const RenderOptions& options)
      : out_(out), pack_(pack), options_(options) {}

  void draft(const DraftResult& r) override {
    for (const std::string& n : r.notices) {
      out_ << paint(kBold, r.source) << ": " << paint(kCyan, pack_.ui(r.message_language, "notice"))
           << ": " << n << '\n';
    }
    for (const Finding& f : r.findings) finding(r, f);
    for (const Evidence& e : r.evidence) {
      out_ << paint(kDim, r.source + ":" + std::to_string(e.location.position.line) + ":" +
                              std::to_string(e.location.position.column) + ": evidence [" + e.rule +
                              "]: " + e.text)
           << '\n';
    }
    if (options_.quiet || !r.language_supported) return;
    summary(r);
  }

  void error(const InputError& e) override {
    out_ << paint(kBold, e.source + (e.record ? ":" + std::to_string(e.record) : "")) << ": "
         << paint(kRed, "error") << ": " << e.message << '\n';
  }

  void finish() override { out_.flush(); }

 private:
  std::string paint(const char* code, const std::string& s) const {
    return options_.color ? std::string(code) + s + kReset : s;
  }

  void finding(const DraftResult& r, const Finding& f) {
    const char* colour = f.level == Level::kError     ? kRed
                         : f.level == Level::kWarning ? kYellow
                                                      : kCyan;
    out_ << paint(kBold, place(r, f)) << ": " << paint(colour, level_name(f.level)) << ": "
         << f.message << ' ' << paint(kDim, "[" + f.rule + "]") << '\n';
    if (options_.quiet) return;
    if (f.location) {
      const Location& loc = *f.location;
      const std::string number = std::to_string(loc.position.line);
      const std::string pad(number.size(), ' ');
      // The caret starts at the span's column and runs to its end on this line.
      std::size_t col_bytes = 0;
      {
        std::size_t cps = 0;
        while (col_bytes < loc.line_text.size() && cps + 1 < loc.position.column) {
          ++col_bytes;
          while (col_bytes < loc.line_text.size() &&
                 (static_cast<unsigned char>(loc.line_text[col_bytes]) & 0xC0) == 0x80)
            ++col_bytes;
          ++cps;
        }
      }
      const std::size_t end_bytes =
          std::min(loc.line_text.size(), col_bytes + loc.position.byte_length);
      const std::size_t lead = display_width(loc.line_text, col_bytes);
      const std::size_t width =
          std::max<std::size_t>(1, display_width(loc.line_text, end_bytes) - lead);
      out_ << "  " << number << " | " << loc.line_text << '\n';
      out_ << "  " << pad << " | " << std::string(lead, ' ')
           << paint(colour, "^" + std::string(width - 1, '~')) << '\n';
    }
    const std::string& ml = r.message_language;
    if (!f.why.empty())
      out_ << "  = " << paint(kBold, pack_.ui(ml, "why")) << ": " << f.why << '\n';
    if (!f.hint.empty())
      out_ << "  = " << paint(kBold, pack_.ui(ml, "hint")) << ": " << f.hint << '\n';
  }

  void summary(const DraftResult& r) {
    const std::string& ml = r.message_language;
    out_ << paint(kBold, r.source + (r.id.empty() ? "" : "[" + r.id + "]")) << ": ";
    for (const CheckItem& c : r.checklist) {
      out_ << (c.ok ? paint(kGreen, "✓") : paint(kRed, "✗")) << ' ' << c.label << "  ";
    }
    out_ << pack_.ui(ml, "readiness") << ' '
         << paint(r.score >= 80   ? kGreen
                  : r.score >= 50 ? kYellow
                                  : kRed,
                  std::to_string(r.score) + "/100")
         << paint(kDim, " (" + languages_of(r) + ")") << "\n\n";
  }

  std::ostream& out_;
  const RulePack& pack_;
  RenderOptions options_;
};

}  // namespace

std::unique_ptr<Renderer> make_text_renderer(std::ostream& out, const RulePack& pack,
                                             const RenderOptions& options) {
  return std::make_unique<TextRenderer>(out, pack, options);
}

}  // namespace escalint
