// How many threads, queued requests, database connections and hashing slots a server has, all
// derived from one setting, --threads (T; 0: one per core), so that an operator sizes a server
// with one number and the pools cannot contradict each other:
//
//   I/O threads           T              they only read and write sockets, never block
//   workers               max(8, 4 T)    run every handler; they wait on the database (PostgreSQL
//                                        round trips, SQLite's single writer and its fsync) more
//                                        than they compute, so more workers than cores keep the
//                                        cores busy; 8 at least, so that a one-core server still
//                                        serves others while five requests hash passwords
//   queued requests       16 per worker  about 16 handler times of waiting: at the rates measured
//                                        on 2 cores (2 to 4 thousand audited reads or writes a
//                                        second), a full queue of 128 waits 30 to 60 ms; past
//                                        that, 503 and Retry-After: 1 tells the client more than
//                                        a longer wait would. A burst of 64 connections, and the
//                                        requests a closed one left in flight, fit
//   database connections  workers + 1    one per worker, which holds at most one transaction at a
//                                        time, so a worker never waits for a connection; plus one
//                                        for the job runner (one thread, one transaction at a
//                                        time)
//   hashing slots         max(1, T / 2)  Argon2id takes a core for ~50 ms: a sign-in storm keeps
//                                        at most half the cores, and the other half answers the
//                                        rest
//   hashes waiting        4 per slot     each holds a worker while it waits: with the running ones,
//                                        at most 5 of every 8 workers, so 3 stay for the rest
#pragma once

#include <cstddef>

namespace ensemble::cli {

struct PoolSizes {
  int io_threads = 1;
  int workers = 8;
  std::size_t max_waiting = 128;
  int database_connections = 9;
  int hashing_slots = 1;
  std::size_t hashing_waiting = 4;
};

// `threads` as configured (0: `cores`); `cores` is std::thread::hardware_concurrency() (0 when
// unknown, taken as 1).
PoolSizes PoolSizesFor(int threads, unsigned cores);

}  // namespace ensemble::cli
