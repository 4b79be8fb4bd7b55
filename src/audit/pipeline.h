// The audit's streaming engine: one reader thread turns inputs into jobs (read_inputs
// with an InputSink), N worker threads run them, and the calling thread receives the
// records in input order, whatever N is.
//
// Memory is bounded: at most `window` records are between being read and being
// delivered (queued, being checked, or waiting in the reorder buffer for an earlier
// one); the reader blocks until the writer catches up.
//
// Stopping: when `should_stop` returns true (checked on every record and at least every
// 100 ms while the reader waits), reading stops; every record already read is still
// checked and delivered, and the result says where the run stopped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "audit/audit_record.h"
#include "input/read_input.h"

namespace escalint {

// Work for a worker thread: checks one draft (or passes an error through). Runs on any
// worker, so it may only use thread-safe state (a built Linter is).
using AuditJob = std::function<AuditRecord()>;

struct PipelineOptions {
  unsigned jobs = 1;         // worker threads (at least 1)
  std::size_t window = 256;  // records in flight at most (at least jobs)
  ReadOptions read;
};

struct PipelineHooks {
  // On the reader thread, once per draft, in input order: decide how to check it.
  std::function<AuditJob(Draft)> on_draft;
  // On a worker thread, once per record, its number set: work that may run in parallel
  // before delivery (e.g. rendering its output lines). Optional.
  std::function<void(AuditRecord&)> on_checked;
  // On the calling thread, once per record, in input order (AuditRecord::number is set).
  std::function<void(AuditRecord)> on_record;
  // Polled on the reader thread; true stops reading.
  std::function<bool()> should_stop;
};

struct PipelineResult {
  std::uint64_t records = 0;  // records delivered
  bool stopped = false;       // reading was stopped before the end of the inputs
};

// Throws what a hook threw (after every thread has ended).
PipelineResult run_pipeline(const std::vector<std::string>& inputs, const PipelineOptions& options,
                            const PipelineHooks& hooks);

}  // namespace escalint
