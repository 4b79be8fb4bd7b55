// SIGINT and SIGTERM as a request to stop cleanly: the first one sets a flag the audit
// polls; a second one ends the process at once (the default action).
#pragma once

namespace escalint {

// Installs the handlers (without SA_RESTART, so a blocking read of standard input
// returns). Call once, before starting threads.
void install_stop_handlers();
// The signal that asked to stop, or 0.
int stop_signal();
const char* stop_signal_name(int signal);
// For tests: as if the signal had arrived.
void request_stop(int signal);

}  // namespace escalint
