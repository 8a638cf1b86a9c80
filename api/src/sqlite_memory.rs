//! Where SQLite's own allocations go: to mimalloc, with SQLite's memory statistics off.
//!
//! SQLite allocates through its own methods — by default glibc's `malloc` behind a global
//! mutex that keeps the statistics. sqlx copies every column of every row out of SQLite
//! (`sqlite3_value_dup`) on the connection's worker thread and frees it on a request's
//! thread, so under the compareModels page at c=1 on the scale-100 file glibc's `malloc`,
//! `free` and their consolidation were 11% of the server's CPU samples and SQLite's memory
//! mutex another 1.5% (`perf record -g`). These settings must be made before SQLite starts,
//! so [`configure`] runs once, before the first SQLite connection opens.

use std::{
    ffi::{c_int, c_void},
    sync::Once,
};

use libsqlite3_sys as ffi;

unsafe extern "C" fn malloc(size: c_int) -> *mut c_void {
    // SAFETY: mimalloc's malloc takes any size and returns memory or null, as SQLite expects.
    unsafe { libmimalloc_sys::mi_malloc(size.max(0) as usize) }
}

unsafe extern "C" fn free(p: *mut c_void) {
    // SAFETY: SQLite frees only what `malloc`/`realloc` above returned.
    unsafe { libmimalloc_sys::mi_free(p) }
}

unsafe extern "C" fn realloc(p: *mut c_void, size: c_int) -> *mut c_void {
    // SAFETY: as `free`; a null `p` allocates.
    unsafe { libmimalloc_sys::mi_realloc(p, size.max(0) as usize) }
}

unsafe extern "C" fn size(p: *mut c_void) -> c_int {
    // SAFETY: `p` came from `malloc`/`realloc` above; the usable size fits SQLite's int, as
    // SQLite never asks for more than 2^31 bytes.
    unsafe { libmimalloc_sys::mi_usable_size(p) as c_int }
}

unsafe extern "C" fn roundup(size: c_int) -> c_int {
    // SAFETY: a pure function of the size.
    unsafe { libmimalloc_sys::mi_good_size(size.max(0) as usize) as c_int }
}

unsafe extern "C" fn init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn shutdown(_: *mut c_void) {}

/// Routes SQLite's allocations to mimalloc and turns SQLite's memory statistics off, once
/// per process. Too late (SQLite already started) it changes nothing and says so in the log.
pub fn configure() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let methods = ffi::sqlite3_mem_methods {
            xMalloc: Some(malloc),
            xFree: Some(free),
            xRealloc: Some(realloc),
            xSize: Some(size),
            xRoundup: Some(roundup),
            xInit: Some(init),
            xShutdown: Some(shutdown),
            pAppData: std::ptr::null_mut(),
        };
        // SAFETY: called once, before this process opens a SQLite connection; SQLite copies
        // the methods before `sqlite3_config` returns.
        let codes = unsafe {
            [
                ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int),
                ffi::sqlite3_config(
                    ffi::SQLITE_CONFIG_MALLOC,
                    &methods as *const ffi::sqlite3_mem_methods,
                ),
            ]
        };
        if codes.iter().any(|code| *code != ffi::SQLITE_OK) {
            tracing::warn!(
                ?codes,
                "SQLite had already started: it keeps its own allocator"
            );
        }
    });
}

/// Whether SQLite allocates through [`configure`]'s methods: a block SQLite allocates is one
/// mimalloc owns.
pub fn configured() -> bool {
    // SAFETY: sqlite3_malloc/sqlite3_free pair; mi_is_in_heap_region only reads.
    unsafe {
        let p = ffi::sqlite3_malloc(64);
        let ours = libmimalloc_sys::mi_is_in_heap_region(p);
        ffi::sqlite3_free(p);
        ours
    }
}
