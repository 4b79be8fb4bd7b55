#include "audit/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace escalint {

namespace {

constexpr int kSeriesColors = 8;  // .s0 ... .s7 in the page's CSS

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string percent(double share) {
  if (share < 0) return "n/a";
  return num(std::round(share * 1000) / 10) + "%";
}

std::string open_svg(std::string_view id, std::string_view title, int width, int height,
                     std::string_view desc) {
  std::string s = "<svg id=\"" + html_escape(id) + "\" class=\"chart w" + std::to_string(width) +
                  "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
                  "\" role=\"img\" aria-labelledby=\"" + html_escape(id) + "-title " +
                  html_escape(id) + "-desc\" preserveAspectRatio=\"xMinYMin meet\">\n";
  s += "<title id=\"" + html_escape(id) + "-title\">" + html_escape(title) + "</title>\n";
  s += "<desc id=\"" + html_escape(id) + "-desc\">" + html_escape(desc) + "</desc>\n";
  return s;
}

std::string legend(const std::vector<Series>& series, int width, int* height) {
  // Legend entries flow left to right and wrap.
  std::string s = "<g class=\"legend\">\n";
  int x = 0, y = 0;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const int w = 24 + static_cast<int>(std::min<std::size_t>(series[i].name.size(), 40)) * 8;
    if (x > 0 && x + w > width) {
      x = 0;
      y += 22;
    }
    s += "<rect class=\"swatch s" + std::to_string(i % kSeriesColors) + "\" x=\"" +
         std::to_string(x) + "\" y=\"" + std::to_string(y + 3) +
         "\" width=\"14\" height=\"14\" rx=\"2\"/>";
    std::string name = series[i].name.substr(0, 40);
    s += "<text x=\"" + std::to_string(x + 19) + "\" y=\"" + std::to_string(y + 15) + "\">" +
         html_escape(name) + "</text>\n";
    x += w + 12;
  }
  s += "</g>\n";
  *height = series.empty() ? 0 : y + 26;
  return s;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string thousands(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string bar_chart(std::string_view id, std::string_view title, const std::vector<Bar>& bars) {
  constexpr int kWidth = 480, kRow = 46, kTrack = 380;
  const int height = static_cast<int>(bars.size()) * kRow + 4;
  std::string desc;
  for (const Bar& b : bars)
    desc += b.label + ": " + percent(b.value) + (b.note.empty() ? "" : " (" + b.note + ")") + ". ";
  std::string s = open_svg(id, title, kWidth, height, desc);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const int y = static_cast<int>(i) * kRow;
    const double w = b.value < 0 ? 0 : std::clamp(b.value, 0.0, 1.0) * kTrack;
    s += "<g class=\"row\">";
    s += "<text class=\"label\" x=\"0\" y=\"" + std::to_string(y + 15) + "\">" +
         html_escape(b.label) +
         (b.detail.empty() ? "" : " <tspan class=\"rid\">(" + html_escape(b.detail) + ")</tspan>") +
         "</text>";
    s += "<rect class=\"track\" x=\"0\" y=\"" + std::to_string(y + 21) + "\" width=\"" +
         std::to_string(kTrack) + "\" height=\"18\" rx=\"3\"/>";
    s += "<rect class=\"bar\" data-key=\"" + html_escape(b.key) + "\" x=\"0\" y=\"" +
         std::to_string(y + 21) + "\" width=\"" + num(w) + "\" height=\"18\" rx=\"3\"><title>" +
         html_escape(b.label) + ": " + percent(b.value) +
         (b.note.empty() ? "" : " (" + html_escape(b.note) + ")") + "</title></rect>";
    s += "<text class=\"value\" x=\"" + std::to_string(kWidth) + "\" y=\"" +
         std::to_string(y + 35) + "\" text-anchor=\"end\">" + percent(b.value) + "</text>";
    s += "</g>\n";
  }
  s += "</svg>\n";
  return s;
}

std::string grouped_bar_chart(std::string_view id, std::string_view title,
                              const std::vector<std::string>& categories,
                              const std::vector<Series>& series) {
  constexpr int kWidth = 480, kTrack = 380, kBar = 12, kGap = 3;
  int legend_height = 0;
  const std::string legend_svg = legend(series, kWidth, &legend_height);
  const int row = 22 + static_cast<int>(series.size()) * (kBar + kGap) + 8;
  const int height = legend_height + static_cast<int>(categories.size()) * row;
  std::string desc;
  for (std::size_t c = 0; c < categories.size(); ++c) {
    desc += categories[c] + ":";
    for (const Series& s : series)
      desc += " " + s.name + " " + percent(c < s.values.size() ? s.values[c] : -1) + ";";
    desc += " ";
  }
  std::string s = open_svg(id, title, kWidth, height, desc);
  s += legend_svg;
  for (std::size_t c = 0; c < categories.size(); ++c) {
    const int y0 = legend_height + static_cast<int>(c) * row;
    s += "<g class=\"row\"><text class=\"label\" x=\"0\" y=\"" + std::to_string(y0 + 16) + "\">" +
         html_escape(categories[c]) + "</text>\n";
    for (std::size_t i = 0; i < series.size(); ++i) {
      const double v = c < series[i].values.size() ? series[i].values[c] : -1;
      const int y = y0 + 22 + static_cast<int>(i) * (kBar + kGap);
      const std::string note = c < series[i].notes.size() && !series[i].notes[c].empty()
                                   ? " (" + series[i].notes[c] + ")"
                                   : "";
      s += "<rect class=\"bar s" + std::to_string(i % kSeriesColors) + "\" x=\"0\" y=\"" +
           std::to_string(y) + "\" width=\"" + num(v < 0 ? 0 : std::clamp(v, 0.0, 1.0) * kTrack) +
           "\" height=\"" + std::to_string(kBar) + "\" rx=\"2\"><title>" +
           html_escape(categories[c]) + ", " + html_escape(series[i].name) + ": " + percent(v) +
           html_escape(note) + "</title></rect>";
      s += "<text class=\"value small\" x=\"" + std::to_string(kWidth) + "\" y=\"" +
           std::to_string(y + kBar - 1) + "\" text-anchor=\"end\">" + percent(v) + "</text>\n";
    }
    s += "</g>\n";
  }
  s += "</svg>\n";
  return s;
}

std::string line_chart(std::string_view id, std::string_view title,
                       const std::vector<std::string>& x_labels,
                       const std::vector<Series>& series) {
  constexpr int kWidth = 640, kLeft = 44, kRight = 12, kPlot = 220;
  int legend_height = 0;
  const std::string legend_svg = legend(series, kWidth, &legend_height);
  const int top = legend_height + 8;
  const int height = top + kPlot + 44;
  const int plot_width = kWidth - kLeft - kRight;
  const std::size_t n = x_labels.size();
  auto x_of = [&](std::size_t i) {
    return kLeft + (n <= 1 ? plot_width / 2.0 : plot_width * static_cast<double>(i) / (n - 1));
  };
  auto y_of = [&](double v) { return top + kPlot * (1 - std::clamp(v, 0.0, 1.0)); };
  std::string desc = "Share of drafts missing each element, per month, " +
                     (n ? x_labels.front() + " to " + x_labels.back() : "") + ".";
  std::string s = open_svg(id, title, kWidth, height, desc);
  s += legend_svg;
  // Axes and grid: 0, 25, 50, 75, 100 %.
  for (int p = 0; p <= 100; p += 25) {
    const double y = y_of(p / 100.0);
    s += "<line class=\"gridline\" x1=\"" + std::to_string(kLeft) + "\" x2=\"" +
         std::to_string(kWidth - kRight) + "\" y1=\"" + num(y) + "\" y2=\"" + num(y) + "\"/>";
    s += "<text class=\"axis\" x=\"" + std::to_string(kLeft - 6) + "\" y=\"" + num(y + 4) +
         "\" text-anchor=\"end\">" + std::to_string(p) + "%</text>\n";
  }
  // At most 8 x labels, evenly spaced.
  const std::size_t step = std::max<std::size_t>(1, (n + 7) / 8);
  for (std::size_t i = 0; i < n; i += step) {
    s += "<text class=\"axis\" x=\"" + num(x_of(i)) + "\" y=\"" + std::to_string(top + kPlot + 18) +
         "\" text-anchor=\"middle\">" + html_escape(x_labels[i]) + "</text>";
  }
  s += "\n";
  for (std::size_t k = 0; k < series.size(); ++k) {
    const std::string cls = "s" + std::to_string(k % kSeriesColors);
    // The line, broken where a month has no value.
    std::string points;
    auto flush = [&] {
      if (points.empty()) return;
      s += "<polyline class=\"line " + cls + "\" points=\"" + points + "\"/>";
      points.clear();
    };
    for (std::size_t i = 0; i < n; ++i) {
      const double v = i < series[k].values.size() ? series[k].values[i] : -1;
      if (v < 0) {
        flush();
        continue;
      }
      points += (points.empty() ? "" : " ") + num(x_of(i)) + "," + num(y_of(v));
    }
    flush();
    for (std::size_t i = 0; i < n; ++i) {
      const double v = i < series[k].values.size() ? series[k].values[i] : -1;
      if (v < 0) continue;
      const std::string note = i < series[k].notes.size() && !series[k].notes[i].empty()
                                   ? " (" + series[k].notes[i] + ")"
                                   : "";
      s += "<circle class=\"point " + cls + "\" cx=\"" + num(x_of(i)) + "\" cy=\"" + num(y_of(v)) +
           "\" r=\"3.5\"><title>" + html_escape(series[k].name) + ", " + html_escape(x_labels[i]) +
           ": " + percent(v) + html_escape(note) + "</title></circle>";
    }
    s += "\n";
  }
  s += "</svg>\n";
  return s;
}

std::string column_chart(std::string_view id, std::string_view title,
                         const std::vector<std::string>& labels,
                         const std::vector<std::uint64_t>& counts) {
  constexpr int kWidth = 480, kTop = 22, kPlot = 170, kLeft = 0;
  const int height = kTop + kPlot + 26;
  const std::size_t n = labels.size();
  const std::uint64_t max = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
  const double slot = n ? static_cast<double>(kWidth - kLeft) / n : 0;
  std::string desc;
  for (std::size_t i = 0; i < n; ++i)
    desc += labels[i] + ": " + thousands(i < counts.size() ? counts[i] : 0) + ". ";
  std::string s = open_svg(id, title, kWidth, height, desc);
  s += "<line class=\"gridline\" x1=\"0\" x2=\"" + std::to_string(kWidth) + "\" y1=\"" +
       std::to_string(kTop + kPlot) + "\" y2=\"" + std::to_string(kTop + kPlot) + "\"/>\n";
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t c = i < counts.size() ? counts[i] : 0;
    const double h = max ? kPlot * static_cast<double>(c) / static_cast<double>(max) : 0;
    const double x = kLeft + slot * i + 3;
    const double w = slot - 6;
    s += "<rect class=\"column\" x=\"" + num(x) + "\" y=\"" + num(kTop + kPlot - h) +
         "\" width=\"" + num(w) + "\" height=\"" + num(h) + "\"><title>score " +
         html_escape(labels[i]) + ": " + thousands(c) + " drafts</title></rect>";
    s += "<text class=\"value small\" x=\"" + num(x + w / 2) + "\" y=\"" +
         num(kTop + kPlot - h - 5) + "\" text-anchor=\"middle\">" + thousands(c) + "</text>";
    s += "<text class=\"axis\" x=\"" + num(x + w / 2) + "\" y=\"" +
         std::to_string(kTop + kPlot + 17) + "\" text-anchor=\"middle\">" + html_escape(labels[i]) +
         "</text>\n";
  }
  s += "</svg>\n";
  return s;
}

}  // namespace escalint
