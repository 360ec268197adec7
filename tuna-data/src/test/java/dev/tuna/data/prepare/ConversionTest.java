package dev.tuna.data.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversionTest {
    static Map<Long, Long> groups(long... sizes) {
        Map<Long, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < sizes.length; i++) {
            counts.put((long) i, sizes[i]);
        }
        return counts;
    }

    static long size(Set<Long> chosen, Map<Long, Long> counts) {
        return chosen.stream().mapToLong(counts::get).sum();
    }

    @Test
    void takesWholeGroupsCloseToTheShareReproducibly() {
        Map<Long, Long> counts = groups(40, 3, 7, 12, 5, 9, 30, 2, 8, 11, 6, 4, 20, 1, 15, 10, 3, 7, 5, 2);
        var options = PrepareOptions.defaults().withSplit(0.25, 9, SplitUnit.ARTICLE);
        Set<Long> chosen = Conversion.chooseValidation(counts, options, Path.of("x"));
        assertThat(size(chosen, counts)).isBetween(49L, 51L); // 25% of 200
        assertThat(Conversion.chooseValidation(counts, options, Path.of("x"))).isEqualTo(chosen);
        assertThat(Conversion.chooseValidation(counts, options.withSplit(0.25, 10, SplitUnit.ARTICLE), Path.of("x")))
                .isNotEqualTo(chosen);
    }

    @Test
    void leavesAtLeastOneGroupOnEachSide() {
        Map<Long, Long> two = groups(10, 10);
        assertThat(Conversion.chooseValidation(two, PrepareOptions.defaults().withSplit(0.9, 1, SplitUnit.ARTICLE),
                Path.of("x"))).hasSize(1);
        assertThat(Conversion.chooseValidation(two, PrepareOptions.defaults().withSplit(0.01, 1, SplitUnit.ARTICLE),
                Path.of("x"))).hasSize(1);
    }

    @Test
    void theValidationFileSitsNextToTheTrainingFile() {
        assertThat(Conversion.defaultValidationPath(Path.of("out/dev.jsonl"))).isEqualTo(Path.of("out/dev.val.jsonl"));
        assertThat(Conversion.defaultValidationPath(Path.of("train"))).isEqualTo(Path.of("train.val.jsonl"));
    }
}
