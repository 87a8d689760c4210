package dev.argmax.core.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The distinct byte strings of one text column in one chunk of a CSV file, each with a local
 * code (0, 1, ... in order of first appearance) and the first row where it appears. Keys are
 * hashed and compared as bytes, so no {@code String} is made per field; an open-addressing table
 * over an append-only byte arena.
 */
final class TextDictionary {

    private byte[] arena = new byte[256];
    private int arenaUsed;
    private int[] offsets = new int[16];
    private int[] lengths = new int[16];
    private int[] hashes = new int[16];
    private int[] firstRows = new int[16];
    private int size;
    private int[] slots = new int[32];

    /** The local code of {@code bytes[from, to)}, adding it (first seen at {@code row}) if new. */
    int code(byte[] bytes, int from, int to, int row) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        int mask = slots.length - 1;
        int s = mix(h) & mask;
        int len = to - from;
        while (true) {
            int e = slots[s];
            if (e == 0) {
                break;
            }
            int k = e - 1;
            if (hashes[k] == h && lengths[k] == len
                    && Arrays.equals(arena, offsets[k], offsets[k] + len, bytes, from, to)) {
                return k;
            }
            s = (s + 1) & mask;
        }
        int k = add(bytes, from, to, h, row);
        slots[s] = k + 1;
        if (size * 2 > slots.length) {
            rehash();
        }
        return k;
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }

    private int add(byte[] bytes, int from, int to, int h, int row) {
        int len = to - from;
        if (arenaUsed + len > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
        }
        System.arraycopy(bytes, from, arena, arenaUsed, len);
        if (size == offsets.length) {
            int cap = size * 2;
            offsets = Arrays.copyOf(offsets, cap);
            lengths = Arrays.copyOf(lengths, cap);
            hashes = Arrays.copyOf(hashes, cap);
            firstRows = Arrays.copyOf(firstRows, cap);
        }
        offsets[size] = arenaUsed;
        lengths[size] = len;
        hashes[size] = h;
        firstRows[size] = row;
        arenaUsed += len;
        return size++;
    }

    private void rehash() {
        int[] next = new int[slots.length * 2];
        int mask = next.length - 1;
        for (int k = 0; k < size; k++) {
            int s = mix(hashes[k]) & mask;
            while (next[s] != 0) {
                s = (s + 1) & mask;
            }
            next[s] = k + 1;
        }
        slots = next;
    }

    int size() {
        return size;
    }

    String string(int k) {
        return new String(arena, offsets[k], lengths[k], StandardCharsets.UTF_8);
    }

    int firstRow(int k) {
        return firstRows[k];
    }
}
