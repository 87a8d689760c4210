package dev.argmax.models.inference;

import java.util.Locale;
import java.util.Objects;

/**
 * Which covariance matrix of the estimates a fit reports: the model-based one (inverse Fisher
 * information times the dispersion) or a sandwich {@code B M B} as R's {@code sandwich} package
 * computes it ({@link Sandwich}): heteroskedasticity-consistent {@code HC0}..{@code HC3}
 * ({@code vcovHC}) or cluster-robust ({@code vcovCL}, type HC0 or HC1 with its default
 * {@code G/(G-1)} adjustment).
 */
public final class Vcov {

    /** The kinds of covariance, named as R's {@code type} arguments. */
    public enum Kind {
        MODEL, HC0, HC1, HC2, HC3, CLUSTER_HC0, CLUSTER_HC1
    }

    private static final Vcov MODEL = new Vcov(Kind.MODEL, null, null);

    private final Kind kind;
    private final double[] clusters;
    private final String clusterName;

    private Vcov(Kind kind, double[] clusters, String clusterName) {
        this.kind = kind;
        this.clusters = clusters;
        this.clusterName = clusterName;
    }

    /** The model-based covariance {@code dispersion (X'WX)^-1} (the default). */
    public static Vcov model() {
        return MODEL;
    }

    /** {@code vcovHC(fit, type = "HC0" | "HC1" | "HC2" | "HC3")}. */
    public static Vcov hc(Kind type) {
        Objects.requireNonNull(type, "type");
        if (type == Kind.MODEL || type == Kind.CLUSTER_HC0 || type == Kind.CLUSTER_HC1) {
            throw new IllegalArgumentException("hc() takes HC0, HC1, HC2 or HC3, got " + type);
        }
        return new Vcov(type, null, null);
    }

    /**
     * {@code vcovCL(fit, cluster = ids)} with sandwich's defaults for a glm: type HC0 and the
     * adjustment {@code G/(G-1)} for G clusters.
     *
     * @param ids one cluster label per row of the data (equal values = same cluster)
     * @param name the cluster variable's name, for the summary
     */
    public static Vcov cluster(double[] ids, String name) {
        return new Vcov(Kind.CLUSTER_HC0, ids.clone(), name);
    }

    /** {@code vcovCL(fit, cluster = ids, type = "HC1")}: {@link #cluster} times {@code (n-1)/(n-k)} (Stata's). */
    public static Vcov clusterHC1(double[] ids, String name) {
        return new Vcov(Kind.CLUSTER_HC1, ids.clone(), name);
    }

    /**
     * Parses the command line's spelling: "model", "HC0".."HC3" (case-insensitive). Cluster
     * types need the cluster labels and are built with {@link #cluster}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Vcov parse(String name) {
        String s = name.trim().toUpperCase(Locale.ROOT);
        return switch (s) {
            case "MODEL" -> model();
            case "HC0", "HC1", "HC2", "HC3" -> hc(Kind.valueOf(s));
            default -> throw new IllegalArgumentException("unknown covariance '" + name
                    + "'; the types are model, HC0, HC1, HC2, HC3, cluster:COLUMN, cluster-HC1:COLUMN");
        };
    }

    public Kind kind() {
        return kind;
    }

    public boolean isModel() {
        return kind == Kind.MODEL;
    }

    public boolean isCluster() {
        return kind == Kind.CLUSTER_HC0 || kind == Kind.CLUSTER_HC1;
    }

    /** The cluster labels (null unless clustered). */
    public double[] clusters() {
        return clusters == null ? null : clusters.clone();
    }

    /** R's name of the type: "model", "HC0".."HC3", "cluster" (vcovCL's default HC0) or "cluster_HC1". */
    public String label() {
        return switch (kind) {
            case MODEL -> "model";
            case CLUSTER_HC0 -> "cluster";
            case CLUSTER_HC1 -> "cluster_HC1";
            default -> kind.name();
        };
    }

    /** A sentence for the summary. */
    public String describe() {
        return switch (kind) {
            case MODEL -> "model-based (inverse Fisher information)";
            case CLUSTER_HC0 -> "cluster-robust sandwich by " + clusterName
                    + " (sandwich::vcovCL, type HC0, adjustment G/(G-1))";
            case CLUSTER_HC1 -> "cluster-robust sandwich by " + clusterName
                    + " (sandwich::vcovCL, type HC1: (n-1)/(n-k) G/(G-1))";
            default -> "heteroskedasticity-consistent sandwich " + kind.name() + " (sandwich::vcovHC)";
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
