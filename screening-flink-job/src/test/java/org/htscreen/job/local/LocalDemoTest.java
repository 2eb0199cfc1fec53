package org.htscreen.job.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Typology;
import org.htscreen.samples.Label;
import org.htscreen.samples.Sample;
import org.htscreen.samples.SampleConfig;
import org.htscreen.samples.SampleTraffic;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo's help, its sub-command's usage name, the feed's explanation and the closing summary. */
class LocalDemoTest {

    private static String run(String... args) {
        CommandLine cl = LocalDemo.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute(args));
        return out.toString();
    }

    /** The text of one option's entry in the option list (not the synopsis), continuation lines joined. */
    private static String option(String help, String name) {
        Matcher m = Pattern.compile("\n +" + Pattern.quote(name) + "[=\n ]").matcher(help);
        assertTrue(m.find(), name + " not in the option list:\n" + help);
        Matcher next = Pattern.compile("\n +-").matcher(help);
        int end = next.find(m.end()) ? next.start() : help.length();
        return help.substring(m.start(), end).replaceAll("\\s+", " ");
    }

    @Test
    void help_shows_the_demo_defaults_not_the_plain_jobs() {
        String help = run("--help");
        assertTrue(option(help, "--bootstrap-servers").contains("default: a broker started inside this JVM"), help);
        assertFalse(option(help, "--bootstrap-servers").contains("localhost:9092"), help);
        assertTrue(option(help, "--checkpoint-interval").contains("(default: 2s)"), help);
        assertTrue(option(help, "--parallelism").contains("(default: 2)"), help);
        assertTrue(option(help, "--idleness").contains("(default: 2s)"), help);
        assertTrue(option(help, "--checkpoint-dir").contains("temporary directory"), help);
    }

    @Test
    void demo_defaults_are_applied_and_an_option_given_wins() {
        LocalDemo demo = new LocalDemo();
        CommandLine cl = LocalDemo.commandLine();
        cl.parseArgs("--parallelism", "3");
        LocalDemo parsed = cl.getCommand();
        assertEquals(3, parsed.job.parallelism);
        assertEquals(Duration.ofSeconds(2), parsed.job.checkpointInterval);
        assertEquals(Duration.ofSeconds(2), parsed.job.idleness);
        assertEquals(0, demo.job.parallelism, "the plain job's own default is untouched");
    }

    @Test
    void the_job_sub_command_is_named_job_in_its_usage() {
        String help = run(LocalDemo.JOB_COMMAND, "--help");
        assertTrue(help.startsWith("Usage: demo job "), help.lines().findFirst().orElse(""));
        assertTrue(option(help, "--bootstrap-servers").contains("localhost:9092"), "the plain job keeps its defaults");
    }

    @Test
    void the_feed_explanation_says_what_a_round_is_and_why_accounts_alert_again() {
        Sample sample = SampleTraffic.generate(SampleConfig.small().withBenignCustomers(20));
        String text = LocalDemo.feedExplanation(sample, 60, 1000);
        assertTrue(text.contains("One round is 60 days of banking of"), text);
        assertTrue(text.contains(sample.transactions().size() + " transactions"), text);
        assertTrue(text.contains(sample.labels().size() + " planted accounts"), text);
        assertTrue(text.contains("several typologies"), text);
        assertTrue(text.contains("engine.suppression_days"), text);
    }

    @Test
    void the_summary_counts_planted_accounts_found_and_missed_alerts_by_typology_and_the_first_alert() {
        List<Label> planted = List.of(
                new Label("A-1", Typology.SEXUAL_EXPLOITATION, RoleHint.SUSPECTED_CONTROLLER),
                new Label("A-2", Typology.LABOUR_EXPLOITATION, RoleHint.POSSIBLE_VICTIM),
                new Label("A-3", Typology.SHAM_MARRIAGE, RoleHint.SUSPECTED_CONTROLLER));
        DemoSummary s = new DemoSummary();
        s.record("A-1", Typology.SEXUAL_EXPLOITATION, Duration.ofMillis(44_240));
        s.record("A-1", Typology.GENERAL_LAUNDERING, Duration.ofSeconds(50));
        s.record("A-1", Typology.SEXUAL_EXPLOITATION, Duration.ofSeconds(80));
        s.record("A-3", Typology.SHAM_MARRIAGE, Duration.ofSeconds(60));
        s.record("B-9", Typology.GENERAL_LAUNDERING, Duration.ofSeconds(70));

        assertEquals(List.of("A-1", "A-3"), s.found(planted).stream().map(Label::accountId).toList());
        assertEquals(List.of("A-2"), s.missed(planted).stream().map(Label::accountId).toList());
        List<String> lines = s.lines(planted);
        assertEquals("5 alerts on 3 accounts; first alert 44.2 s after the feed started", lines.get(0));
        assertEquals("alerts by typology: sexual exploitation=2, sham marriage=1, general laundering=2", lines.get(1));
        assertTrue(lines.get(2).startsWith("planted accounts found: 2 of 3: A-1 (sexual exploitation, suspected controller;"
                + " alerted as sexual exploitation, general laundering)"), lines.get(2));
        assertEquals("planted accounts missed: 1: A-2 (labour exploitation, possible victim)", lines.get(3));
        assertEquals("ordinary (unlabelled) accounts alerted: 1", lines.get(4));
    }

    @Test
    void a_summary_without_alerts_says_so() {
        List<String> lines = new DemoSummary().lines(List.of(new Label("A-1", Typology.SEXUAL_EXPLOITATION, RoleHint.UNKNOWN)));
        assertEquals("no alerts", lines.get(0));
        assertEquals("alerts by typology: none", lines.get(1));
        assertEquals("planted accounts found: 0 of 1", lines.get(2));
    }
}
