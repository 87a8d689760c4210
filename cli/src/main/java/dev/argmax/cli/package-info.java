/**
 * The {@code argmax} command line ({@code cli/target/argmax.jar}): {@code fit}, {@code path},
 * {@code cv}, {@code estimate} and {@code compare}, with text and JSON output.
 */
package dev.argmax.cli;
