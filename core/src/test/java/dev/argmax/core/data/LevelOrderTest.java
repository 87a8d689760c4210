package dev.argmax.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LevelOrder} against R's own sort. */
class LevelOrderTest {

    /**
     * R 4.2.2 (Debian, built with ICU; {@code Sys.getlocale("LC_COLLATE")} "C.UTF-8",
     * {@code icuGetCollate()} "root"):
     * {@code levels(factor(c("b","A","a","B","_x","x1","X","ab","aB","a b","a-b","Ä","z","10","9","é","e")))}
     * prints the order asserted here: case and accents after the letters, spaces and punctuation
     * not ignorable and before digits, digits (as text) before letters.
     */
    @Test
    void sortsAsRSortsAFactorsLevels() {
        List<String> x = new ArrayList<>(List.of("b", "A", "a", "B", "_x", "x1", "X", "ab", "aB", "a b", "a-b", "Ä",
                "z", "10", "9", "é", "e"));
        x.sort(LevelOrder.R);
        assertEquals(List.of("_x", "10", "9", "a", "A", "Ä", "a b", "a-b", "ab", "aB", "b", "B", "e", "é", "X", "x1",
                "z"), x);
    }

    @Test
    void csvTextColumnsTakeThatOrder() {
        CsvTable t = CsvTable.parse("g\nb\nA\na-b\nB\na\nab\naB\na b\n");
        assertEquals(List.of("a", "A", "a b", "a-b", "ab", "aB", "b", "B"), t.levels("g"));
    }
}
