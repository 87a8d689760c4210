package dev.argmax.cli;

import picocli.CommandLine.Option;

/**
 * The options of a generated lambda path (glmnet's {@code nlambda} and {@code lambda.min.ratio}),
 * shared by the commands that fit paths: {@code fit} with a penalty and no {@code --lambda},
 * {@code path} and {@code cv}.
 */
public final class PathOptions {

    @Option(names = "--nlambda", paramLabel = "N", defaultValue = "100", description = "Number of lambdas of a "
            + "generated path, from lambda_max down. Default: ${DEFAULT-VALUE}.")
    int nlambda;

    @Option(names = "--lambda-min-ratio", paramLabel = "R", description = "Smallest lambda / lambda_max of a "
            + "generated path. Default: 1e-4 if n > p, else 1e-2.")
    Double minRatio;
}
