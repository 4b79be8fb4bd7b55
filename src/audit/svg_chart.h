// Inline SVG charts for the HTML report: plain markup, no script, styled by the page's
// CSS classes (so light and dark themes and print apply). Each chart scales to its
// container (viewBox, width 100%) and carries a <title> and <desc> for screen readers;
// every bar and point has a <title> with its exact value.
//
// Values are shares in [0, 1]; a negative value means "not applicable" (drawn as a
// gap, labelled "n/a").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace escalint {

std::string html_escape(std::string_view text);
// 1234567 -> "1,234,567".
std::string thousands(std::uint64_t n);

struct Bar {
  std::string key;     // data-key attribute (e.g. the rule id)
  std::string label;   // shown above the bar
  double value = 0;    // share in [0, 1]; negative: n/a
  std::string note;    // in the bar's <title>, e.g. "412 of 1,000 drafts"
  std::string detail;  // after the label, in a <tspan class="rid"> that phones hide
};

// One horizontal bar per item: <rect class="bar" data-key=...>.
std::string bar_chart(std::string_view id, std::string_view title, const std::vector<Bar>& bars);

struct Series {
  std::string name;
  std::vector<double> values;      // one per category (or x label); negative: n/a
  std::vector<std::string> notes;  // optional, per value, for the <title>
};

// Per category a row with one thin bar per series (class "bar s<i>"), and a legend.
std::string grouped_bar_chart(std::string_view id, std::string_view title,
                              const std::vector<std::string>& categories,
                              const std::vector<Series>& series);

// One line per series over the x labels (e.g. months), with points and a legend.
std::string line_chart(std::string_view id, std::string_view title,
                       const std::vector<std::string>& x_labels, const std::vector<Series>& series);

// Vertical columns with counts (the score histogram): class "column".
std::string column_chart(std::string_view id, std::string_view title,
                         const std::vector<std::string>& labels,
                         const std::vector<std::uint64_t>& counts);

}  // namespace escalint
