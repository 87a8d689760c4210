package dev.argmax.core.data;

import com.ibm.icu.text.Collator;
import com.ibm.icu.util.ULocale;
import java.util.Comparator;

/**
 * The order in which R sorts the levels of a factor made from text ({@code factor(x)},
 * {@code sort(unique(x))}): R compares strings with ICU's collator for the session's locale when
 * it was built with ICU (Debian, Ubuntu, Fedora and the CRAN builds for macOS are), and every
 * locale but C / POSIX uses it. This is ICU's root collation (the Unicode Collation Algorithm with
 * CLDR's root order, tertiary strength, spaces and punctuation not ignorable), which R's
 * {@code icuGetCollate()} reports for C.UTF-8 and which English locales share: case and accents
 * count only after the letters ({@code a < A < Ä < ab < aB < b}), spaces and punctuation sort
 * before digits, digits before letters ({@code "_x" < "10" < "9" < "a b" ... }). Strings equal
 * under it (canonically equivalent ones) are ordered by code point, so the order is total.
 *
 * <p>R in the C locale sorts by bytes instead; a level order given explicitly (a reference level,
 * {@code factor(x, levels = ...)} in R) is the way to reproduce that.
 */
public final class LevelOrder {

    private static final Collator ROOT = Collator.getInstance(ULocale.ROOT).freeze();

    /** R's level order as a comparator. */
    public static final Comparator<String> R = (a, b) -> {
        int c = ROOT.compare(a, b);
        return c != 0 ? c : a.compareTo(b);
    };

    private LevelOrder() {
    }
}
