// report.html: one self-contained page drawn from a Summary alone (so merged shards
// get the same report): no script, no external asset, inline CSS and SVG; readable
// at 1280x800 and on a phone (the grid folds into one column, tables scroll sideways).
//
// Sections, each with a stable id: #totals (records read, drafts, errors, failing,
// mean score; and an #incomplete banner when the audit stopped early), #missing
// (chart #chart-missing: one bar per rule), #by-language (#chart-language),
// #by-group (#chart-group and a table of every group), #trend (#chart-trend: a line
// per rule over the months), #scores (#chart-scores: 10 columns), #lowest (the
// lowest-scoring drafts), #errors (the input errors).
#pragma once

#include <string>

#include "audit/summary.h"

namespace escalint {

struct ReportOptions {
  std::string title = "Escalation audit";
  std::string generated;  // e.g. the date and inputs, shown under the title; empty: none
};

std::string render_report(const Summary& summary, const ReportOptions& options);

}  // namespace escalint
