package dev.pingvas.opensearch;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.ko.KoreanNumberFilter;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.KoreanTokenizer.DecompoundMode;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.dict.UserDictionary;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.IndexSettings;
import org.opensearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.opensearch.index.analysis.AbstractTokenFilterFactory;
import org.opensearch.index.analysis.AbstractTokenizerFactory;
import org.opensearch.index.analysis.AnalyzerProvider;
import org.opensearch.index.analysis.TokenFilterFactory;
import org.opensearch.index.analysis.TokenizerFactory;
import org.opensearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.opensearch.plugins.AnalysisPlugin;
import org.opensearch.plugins.Plugin;

/**
 * Korean analysis for the local node, under the names the AWS-managed OpenSearch uses.
 *
 * <p>Why this class exists: OpenSearch publishes its {@code analysis-nori} plugin on Maven Central
 * only for 3.x (which needs Java 21), not for 2.19.x. Lucene's {@code lucene-analysis-nori} is
 * published, so this plugin exposes it: the {@code nori_tokenizer} tokenizer, the
 * {@code nori_part_of_speech}, {@code nori_readingform} and {@code nori_number} token filters and
 * the {@code nori} analyzer, with the documented options {@code decompound_mode} (none, discard,
 * mixed), {@code discard_punctuation}, {@code user_dictionary} (a file under the config dir),
 * {@code user_dictionary_rules} and {@code stoptags}.
 */
public class NoriAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("nori_tokenizer", NoriTokenizer::new);
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
                "nori_part_of_speech", PartOfSpeechFilter::new,
                "nori_readingform", (index, env, name, settings) -> simpleFilter(index, name, settings,
                        KoreanReadingFormFilter::new),
                "nori_number", (index, env, name, settings) -> simpleFilter(index, name, settings,
                        KoreanNumberFilter::new));
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("nori", NoriAnalyzer::new);
    }

    /** {@code nori_tokenizer}: Lucene's KoreanTokenizer with the per-index options. */
    static final class NoriTokenizer extends AbstractTokenizerFactory {
        private final UserDictionary userDictionary;
        private final DecompoundMode mode;
        private final boolean discardPunctuation;

        NoriTokenizer(IndexSettings index, Environment env, String name, Settings settings) {
            super(index, settings, name);
            this.userDictionary = userDictionary(env, settings);
            this.mode = decompoundMode(settings);
            this.discardPunctuation = settings.getAsBoolean("discard_punctuation", true);
        }

        @Override
        public Tokenizer create() {
            // outputUnknownUnigrams=false, as in the managed service.
            return new KoreanTokenizer(KoreanTokenizer.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, userDictionary, mode,
                    false, discardPunctuation);
        }
    }

    /** {@code nori_part_of_speech}: drops tokens whose part of speech is in {@code stoptags}. */
    static final class PartOfSpeechFilter extends AbstractTokenFilterFactory {
        private final Set<POS.Tag> stopTags;

        PartOfSpeechFilter(IndexSettings index, Environment env, String name, Settings settings) {
            super(index, name, settings);
            this.stopTags = stopTags(settings);
        }

        @Override
        public TokenStream create(TokenStream input) {
            return new KoreanPartOfSpeechStopFilter(input, stopTags);
        }
    }

    /** {@code nori}: Lucene's KoreanAnalyzer (tokenizer, part-of-speech filter, reading form, lowercase). */
    static final class NoriAnalyzer extends AbstractIndexAnalyzerProvider<KoreanAnalyzer> {
        private final KoreanAnalyzer analyzer;

        NoriAnalyzer(IndexSettings index, Environment env, String name, Settings settings) {
            super(index, name, settings);
            this.analyzer = new KoreanAnalyzer(userDictionary(env, settings), decompoundMode(settings),
                    stopTags(settings), false);
        }

        @Override
        public KoreanAnalyzer get() {
            return analyzer;
        }
    }

    /** A token filter without options, e.g. reading form or number normalisation. */
    private static TokenFilterFactory simpleFilter(IndexSettings index, String name, Settings settings,
            java.util.function.Function<TokenStream, TokenStream> filter) {
        return new AbstractTokenFilterFactory(index, name, settings) {
            @Override
            public TokenStream create(TokenStream input) {
                return filter.apply(input);
            }
        };
    }

    private static DecompoundMode decompoundMode(Settings settings) {
        String mode = settings.get("decompound_mode");
        return mode == null ? KoreanTokenizer.DEFAULT_DECOMPOUND
                : DecompoundMode.valueOf(mode.toUpperCase(Locale.ROOT));
    }

    private static Set<POS.Tag> stopTags(Settings settings) {
        List<String> tags = settings.getAsList("stoptags", null);
        return tags == null ? KoreanPartOfSpeechStopFilter.DEFAULT_STOP_TAGS
                : tags.stream().map(POS::resolveTag).collect(Collectors.toSet());
    }

    /** Rules inline ({@code user_dictionary_rules}) or from a file relative to the config dir; null if none. */
    private static UserDictionary userDictionary(Environment env, Settings settings) {
        String file = settings.get("user_dictionary");
        List<String> rules = settings.getAsList("user_dictionary_rules", List.of());
        if (file != null && !rules.isEmpty()) {
            throw new IllegalArgumentException(
                    "[user_dictionary] and [user_dictionary_rules] cannot be used together");
        }
        try {
            if (file != null) {
                Path path = env.configFile().resolve(file);
                rules = Files.readAllLines(path, StandardCharsets.UTF_8);
            }
            if (rules.isEmpty()) {
                return null;
            }
            return UserDictionary.open(new StringReader(String.join("\n", rules)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the nori user dictionary", e);
        }
    }
}
