package dev.ledge.hostcalls;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.util.Map;

/**
 * How each {@code wasi_snapshot_preview1} function's Wasm arguments map onto the Java method of
 * Chicory's {@link WasiPreview1} that implements it. Chicory's own binding
 * ({@code WasiPreview1.toHostFunctions()}) builds ~50 function objects around one WASI state,
 * which costs more than a small guest's whole request when done per request; these bindings are
 * built once and take the calling session's state as an argument instead.
 *
 * <p>The mapping is Chicory's: a {@code Memory} parameter is the instance's memory, a
 * {@code String} parameter takes two Wasm arguments (pointer and length, read as UTF-8), every
 * other parameter takes one. {@code WasiBindingsTest} checks each binding against Chicory's.
 */
final class WasiBindings {
    /** One WASI function: calls {@code wasi} with the Wasm arguments {@code a}; the errno, or null for no result. */
    @FunctionalInterface
    interface Call {
        long[] invoke(WasiPreview1 wasi, Memory m, long[] a);
    }

    private WasiBindings() {
    }

    private static int i(long[] a, int k) {
        return (int) a[k];
    }

    private static String s(Memory m, long[] a, int k) {
        return m.readString((int) a[k], (int) a[k + 1]);
    }

    private static long[] r(int errno) {
        return new long[] {errno};
    }

    /** The binding of every WASI function, by its Wasm name. */
    static Map<String, Call> all() {
        return Map.ofEntries(
                Map.entry("adapter_close_badfd", (w, m, a) -> r(w.adapterCloseBadfd(i(a, 0)))),
                Map.entry("adapter_open_badfd", (w, m, a) -> r(w.adapterOpenBadfd(i(a, 0)))),
                Map.entry("args_get", (w, m, a) -> r(w.argsGet(m, i(a, 0), i(a, 1)))),
                Map.entry("args_sizes_get", (w, m, a) -> r(w.argsSizesGet(m, i(a, 0), i(a, 1)))),
                Map.entry("clock_res_get", (w, m, a) -> r(w.clockResGet(m, i(a, 0), i(a, 1)))),
                Map.entry("clock_time_get", (w, m, a) -> r(w.clockTimeGet(m, i(a, 0), a[1], i(a, 2)))),
                Map.entry("environ_get", (w, m, a) -> r(w.environGet(m, i(a, 0), i(a, 1)))),
                Map.entry("environ_sizes_get", (w, m, a) -> r(w.environSizesGet(m, i(a, 0), i(a, 1)))),
                Map.entry("fd_advise", (w, m, a) -> r(w.fdAdvise(i(a, 0), a[1], a[2], i(a, 3)))),
                Map.entry("fd_allocate", (w, m, a) -> r(w.fdAllocate(i(a, 0), a[1], a[2]))),
                Map.entry("fd_close", (w, m, a) -> r(w.fdClose(i(a, 0)))),
                Map.entry("fd_datasync", (w, m, a) -> r(w.fdDatasync(i(a, 0)))),
                Map.entry("fd_fdstat_get", (w, m, a) -> r(w.fdFdstatGet(m, i(a, 0), i(a, 1)))),
                Map.entry("fd_fdstat_set_flags", (w, m, a) -> r(w.fdFdstatSetFlags(i(a, 0), i(a, 1)))),
                Map.entry("fd_fdstat_set_rights", (w, m, a) -> r(w.fdFdstatSetRights(i(a, 0), a[1], a[2]))),
                Map.entry("fd_filestat_get", (w, m, a) -> r(w.fdFilestatGet(m, i(a, 0), i(a, 1)))),
                Map.entry("fd_filestat_set_size", (w, m, a) -> r(w.fdFilestatSetSize(i(a, 0), a[1]))),
                Map.entry("fd_filestat_set_times", (w, m, a) -> r(w.fdFilestatSetTimes(i(a, 0), a[1], a[2], i(a, 3)))),
                Map.entry("fd_pread", (w, m, a) -> r(w.fdPread(m, i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4)))),
                Map.entry("fd_prestat_dir_name", (w, m, a) -> r(w.fdPrestatDirName(m, i(a, 0), i(a, 1), i(a, 2)))),
                Map.entry("fd_prestat_get", (w, m, a) -> r(w.fdPrestatGet(m, i(a, 0), i(a, 1)))),
                Map.entry("fd_pwrite", (w, m, a) -> r(w.fdPwrite(m, i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4)))),
                Map.entry("fd_read", (w, m, a) -> r(w.fdRead(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3)))),
                Map.entry("fd_readdir", (w, m, a) -> r(w.fdReaddir(m, i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4)))),
                Map.entry("fd_renumber", (w, m, a) -> r(w.fdRenumber(i(a, 0), i(a, 1)))),
                Map.entry("fd_seek", (w, m, a) -> r(w.fdSeek(m, i(a, 0), a[1], i(a, 2), i(a, 3)))),
                Map.entry("fd_sync", (w, m, a) -> r(w.fdSync(i(a, 0)))),
                Map.entry("fd_tell", (w, m, a) -> r(w.fdTell(m, i(a, 0), i(a, 1)))),
                Map.entry("fd_write", (w, m, a) -> r(w.fdWrite(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3)))),
                Map.entry("path_create_directory", (w, m, a) -> r(w.pathCreateDirectory(i(a, 0), s(m, a, 1)))),
                Map.entry("path_filestat_get", (w, m, a) -> r(w.pathFilestatGet(m, i(a, 0), i(a, 1), s(m, a, 2), i(a, 4)))),
                Map.entry("path_filestat_set_times", (w, m, a) ->
                        r(w.pathFilestatSetTimes(i(a, 0), i(a, 1), s(m, a, 2), a[4], a[5], i(a, 6)))),
                Map.entry("path_link", (w, m, a) -> r(w.pathLink(i(a, 0), i(a, 1), s(m, a, 2), i(a, 4), s(m, a, 5)))),
                Map.entry("path_open", (w, m, a) ->
                        r(w.pathOpen(m, i(a, 0), i(a, 1), s(m, a, 2), i(a, 4), a[5], a[6], i(a, 7), i(a, 8)))),
                Map.entry("path_readlink", (w, m, a) -> r(w.pathReadlink(m, i(a, 0), s(m, a, 1), i(a, 3), i(a, 4), i(a, 5)))),
                Map.entry("path_remove_directory", (w, m, a) -> r(w.pathRemoveDirectory(i(a, 0), s(m, a, 1)))),
                Map.entry("path_rename", (w, m, a) -> r(w.pathRename(i(a, 0), s(m, a, 1), i(a, 3), s(m, a, 4)))),
                Map.entry("path_symlink", (w, m, a) -> r(w.pathSymlink(s(m, a, 0), i(a, 2), s(m, a, 3)))),
                Map.entry("path_unlink_file", (w, m, a) -> r(w.pathUnlinkFile(i(a, 0), s(m, a, 1)))),
                Map.entry("poll_oneoff", (w, m, a) -> r(w.pollOneoff(m, i(a, 0), i(a, 1), i(a, 2), i(a, 3)))),
                Map.entry("proc_exit", (w, m, a) -> {
                    w.procExit(i(a, 0));
                    return null;
                }),
                Map.entry("proc_raise", (w, m, a) -> r(w.procRaise(i(a, 0)))),
                Map.entry("random_get", (w, m, a) -> r(w.randomGet(m, i(a, 0), i(a, 1)))),
                Map.entry("sched_yield", (w, m, a) -> r(w.schedYield())),
                Map.entry("sock_accept", (w, m, a) -> r(w.sockAccept(i(a, 0), i(a, 1), i(a, 2)))),
                Map.entry("sock_recv", (w, m, a) -> r(w.sockRecv(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5)))),
                Map.entry("sock_send", (w, m, a) -> r(w.sockSend(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)))),
                Map.entry("sock_shutdown", (w, m, a) -> r(w.sockShutdown(i(a, 0), i(a, 1)))));
    }
}
