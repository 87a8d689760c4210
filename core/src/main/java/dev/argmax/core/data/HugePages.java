package dev.argmax.core.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Transparent huge pages for large blocks of native memory on Linux: {@code madvise(addr, len,
 * MADV_HUGEPAGE)} on the 2 MiB-aligned part of a block, called through JNA (which ND4J brings).
 *
 * <p>Why: the reader's workers write the parsed numbers into every column in turn, a few KB at a
 * time, and the first touch of each 4 KiB page of fresh memory is a page fault; faults taken in
 * that interleaved order measured about twice as costly as taking them column by column, and
 * together they were the largest part of a read's system time. With 2 MiB pages there are 512
 * times fewer faults. Where the advice cannot be given (another system, no JNA, huge pages
 * disabled) {@link #advise} says so and the caller touches its memory column by column instead.
 */
final class HugePages {

    /** The size of a transparent huge page on x86-64 and most ARM64 kernels. */
    static final long SIZE = 2L << 20;
    private static final int MADV_HUGEPAGE = 14;
    private static final long PAGE = 4096;

    /** JNA's view of libc, or null where huge pages cannot be asked for. */
    private static final LibC LIBC = load();

    private HugePages() {
    }

    /** The part of libc used here. */
    public interface LibC extends com.sun.jna.Library {
        int madvise(com.sun.jna.Pointer address, com.sun.jna.NativeLong length, int advice);
    }

    private static LibC load() {
        try {
            if (!System.getProperty("os.name", "").startsWith("Linux")) {
                return null;
            }
            Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
            if (!Files.isReadable(setting)
                    || Files.readString(setting, StandardCharsets.US_ASCII).contains("[never]")) {
                return null;
            }
            return com.sun.jna.Native.loadLibrary("c", LibC.class);
        } catch (Throwable e) {
            // no JNA, no libc under that name, or a sandbox: the caller touches its pages instead
            return null;
        }
    }

    /** Whether huge pages can be asked for on this system. */
    static boolean available() {
        return LIBC != null;
    }

    /**
     * Asks that {@code [address, address + length)} be backed by huge pages (the page-aligned
     * part of it); returns whether the advice was taken.
     */
    static boolean advise(long address, long length) {
        if (LIBC == null) {
            return false;
        }
        long start = (address + PAGE - 1) & -PAGE;
        long end = (address + length) & -PAGE;
        if (end <= start) {
            return false;
        }
        try {
            return LIBC.madvise(new com.sun.jna.Pointer(start), new com.sun.jna.NativeLong(end - start),
                    MADV_HUGEPAGE) == 0;
        } catch (Throwable e) {
            return false;
        }
    }
}
