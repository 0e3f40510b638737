package io.stream4flow.cli.shell;

import io.stream4flow.schema.filter.FilterParser;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * What Tab offers in the shell: the commands, subcommands, options and fixed option values of the command tree
 * (picocli's model); after {@code --filter}, the filter language's keywords; after {@code job start|stop|status|logs},
 * the job names once known ({@link JobNames}); wherever an argument is being completed, the addresses and alert
 * types seen in the output of earlier commands ({@link RecentValues}). Inside a quoted filter, the word after the
 * last space is completed. Called on the line reader's thread.
 */
final class ShellCompleter implements Completer {
    private static final Set<String> JOB_VERBS = Set.of("start", "stop", "status", "logs");

    private final Completer commands;
    private final JobNames jobs;
    private final RecentValues recent;

    ShellCompleter(CommandSpec tree, JobNames jobs, RecentValues recent) {
        this.commands = new PicocliJLineCompleter(tree);
        this.jobs = jobs;
        this.recent = recent;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        commands.complete(reader, line, candidates);
        String word = line.word();
        int index = line.wordIndex();
        if (word.startsWith("-") || index == 0) {
            return;
        }
        List<String> words = line.words();
        String previous = words.get(index - 1);
        if (previous.equals("--filter")) {
            offer(word, FilterParser.keywords(), candidates);
        }
        if (index == 2 && words.get(0).equals("job") && JOB_VERBS.contains(words.get(1))) {
            offer(word, jobs.names(), candidates);
        }
        offer(word, recent.values(), candidates);
    }

    /** Adds each value as the completion of the part of {@code word} after its last space. */
    private static void offer(String word, List<String> values, List<Candidate> candidates) {
        int space = word.lastIndexOf(' ');
        String head = word.substring(0, space + 1);
        for (String v : values) {
            candidates.add(new Candidate(head + v, v, null, null, null, null, space < 0));
        }
    }
}
