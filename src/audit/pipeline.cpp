#include "audit/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace escalint {

namespace {

using namespace std::chrono_literals;

// Thrown from the input sink to leave read_inputs early. Not a std::exception, so the
// readers' per-input error handling (which turns std::exceptions into error records)
// lets it through.
struct StopReading {};

// How long a stopped run waits for the reader to notice (it may be blocked reading a
// pipe or a terminal) before leaving it behind.
constexpr auto kReaderGrace = 2s;

// Threads hand records on in batches rather than waking each other for every record:
// the writer is woken once this many are checked, and the reader once half the window
// is free.
constexpr std::size_t kBatch = 16;

// Shared with the reader thread, which may outlive run() when it is blocked in a read
// after a stop; everything it touches then lives here.
class Pipeline : public std::enable_shared_from_this<Pipeline> {
 public:
  Pipeline(const PipelineOptions& options, PipelineHooks hooks)
      : hooks_(std::move(hooks)),
        jobs_(std::max(1u, options.jobs)),
        window_(std::max<std::size_t>({options.window, jobs_, 1})),
        ring_(window_) {}

  PipelineResult run(const std::vector<std::string>& inputs, const ReadOptions& read) {
    std::thread reader([self = shared_from_this(), inputs, read] { self->read_all(inputs, read); });
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < jobs_; ++i) workers.emplace_back([this] { work(); });
    write();
    {
      std::unique_lock lock(mu_);
      if (reader_done_cv_.wait_for(lock, stopping_ ? kReaderGrace : std::chrono::hours(24 * 365),
                                   [&] { return reading_done_; })) {
        lock.unlock();
        reader.join();
      } else {
        // Blocked reading input that does not come: nothing more will be delivered
        // (the sink throws once stopping), so leave it to end with the process.
        lock.unlock();
        reader.detach();
      }
    }
    {
      std::lock_guard lock(mu_);
      workers_exit_ = true;
    }
    work_ready_.notify_all();
    for (std::thread& t : workers) t.join();
    std::lock_guard lock(mu_);
    if (failure_) std::rethrow_exception(failure_);
    return {written_, stopping_.load()};
  }

 private:
  // Under mu_: whether to stop reading (and remember it).
  bool stop_now() {
    if (!stopping_ && (abort_ || (hooks_.should_stop && hooks_.should_stop()))) stopping_ = true;
    return stopping_;
  }

  // Reader thread: every draft and error becomes a job, in order.
  void read_all(const std::vector<std::string>& inputs, const ReadOptions& read) {
    InputSink sink{
        [this](Draft draft) {
          if (stopping_) throw StopReading{};
          submit(hooks_.on_draft(std::move(draft)));
        },
        [this](InputError error) {
          if (stopping_) throw StopReading{};
          submit([error = std::move(error)]() mutable { return AuditRecord{0, std::move(error)}; });
        }};
    try {
      read_inputs(inputs, read, sink);
    } catch (const StopReading&) {
    } catch (...) {
      std::lock_guard lock(mu_);
      if (!failure_) failure_ = std::current_exception();
      stopping_ = true;
    }
    {
      std::lock_guard lock(mu_);
      reading_done_ = true;
    }
    work_ready_.notify_all();
    record_ready_.notify_all();
    reader_done_cv_.notify_all();
  }

  void submit(AuditJob job) {
    std::unique_lock lock(mu_);
    if (stop_now()) throw StopReading{};
    while (read_ - written_ >= window_) {  // refilled in batches: see write()
      space_.wait_for(lock, 100ms);
      if (stop_now()) throw StopReading{};
    }
    work_.emplace_back(read_++, std::move(job));
    lock.unlock();
    work_ready_.notify_one();
  }

  // Worker threads.
  void work() {
    for (;;) {
      std::unique_lock lock(mu_);
      work_ready_.wait(lock, [&] { return !work_.empty() || workers_exit_ || reading_done_; });
      if (work_.empty()) return;
      auto [seq, job] = std::move(work_.front());
      work_.pop_front();
      lock.unlock();
      AuditRecord record;
      try {
        record = job();
        record.number = seq + 1;
        if (hooks_.on_checked) hooks_.on_checked(record);
      } catch (const std::exception& e) {
        record = AuditRecord{0, InputError{"", 0, std::string("internal error: ") + e.what()}};
        record.number = seq + 1;
      }
      lock.lock();
      ring_[seq % window_] = std::move(record);
      // The writer is woken for a batch of records, or when no work is left to wait for
      // (the last records, or a reader slower than the workers).
      const bool wake = ++done_ >= kBatch || work_.empty();
      lock.unlock();
      if (wake) record_ready_.notify_one();
    }
  }

  // The calling thread: delivers records in order until everything read is delivered
  // and reading has ended or stopped.
  void write() {
    std::unique_lock lock(mu_);
    for (;;) {
      auto& slot = ring_[written_ % window_];
      if (!slot) {
        if (written_ == read_ && (reading_done_ || stop_now())) return;
        record_ready_.wait_for(lock, 100ms);
        continue;
      }
      AuditRecord record = std::move(*slot);
      slot.reset();
      lock.unlock();
      if (!abort_) {
        try {
          hooks_.on_record(std::move(record));
        } catch (...) {
          lock.lock();
          if (!failure_) failure_ = std::current_exception();
          abort_ = true;  // stop reading; drain what is in flight without delivering it
          lock.unlock();
        }
      }
      lock.lock();
      ++written_;
      --done_;
      if (read_ - written_ <= window_ / 2) space_.notify_one();
    }
  }

  const PipelineHooks hooks_;
  const unsigned jobs_;
  const std::size_t window_;

  std::mutex mu_;
  std::condition_variable work_ready_, record_ready_, space_, reader_done_cv_;
  std::deque<std::pair<std::uint64_t, AuditJob>> work_;
  std::vector<std::optional<AuditRecord>> ring_;  // record seq lives at seq % window
  std::uint64_t read_ = 0;                        // records read (next sequence number)
  std::uint64_t written_ = 0;                     // records delivered
  std::size_t done_ = 0;                          // records checked, not yet delivered
  bool reading_done_ = false;
  bool workers_exit_ = false;
  bool abort_ = false;
  std::atomic<bool> stopping_{false};
  std::exception_ptr failure_;
};

}  // namespace

PipelineResult run_pipeline(const std::vector<std::string>& inputs, const PipelineOptions& options,
                            const PipelineHooks& hooks) {
  auto pipeline = std::make_shared<Pipeline>(options, hooks);
  return pipeline->run(inputs, options.read);
}

}  // namespace escalint
