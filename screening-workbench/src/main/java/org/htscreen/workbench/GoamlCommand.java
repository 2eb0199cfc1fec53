package org.htscreen.workbench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.htscreen.avro.Alert;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.Signal;
import org.htscreen.avro.SignalEvidence;
import org.htscreen.avro.Transaction;
import org.htscreen.report.goaml.GoamlCodes;
import org.htscreen.report.goaml.GoamlStrWriter;
import org.htscreen.report.goaml.ReportException;
import org.htscreen.report.goaml.ReportInputs;
import org.htscreen.report.goaml.ReportingEntity;
import org.htscreen.workbench.io.ErrorPolicy;
import org.htscreen.workbench.io.Format;
import org.htscreen.workbench.io.RecordSource;
import org.xml.sax.SAXException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code goaml}: one goAML 5.0.1 STR draft per alert, joined with the transactions and profiles. */
@Command(name = "goaml", mixinStandardHelpOptions = true,
        description = "Write one goAML 5.0.1 suspicious-transaction report (STR) draft per alert: the reporting entity "
                + "(--entity YAML), the alerted account as the bank's client, every evidence transaction (joined with "
                + "the transaction files), a draft narrative and the indicator codes (--codes YAML). Files are named "
                + "STR-<alert id>.xml.",
        footer = {"", "Exit codes: 0 done; 1 done, but some alerts could not be drafted or a draft failed --xsd "
                + "(listed); 2 usage or input error."})
public final class GoamlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--alerts", paramLabel = "FILE", required = true,
            description = "Alerts as written by backtest (JSON Lines; .avro and .csv by name too).")
    Path alertsFile;

    @Option(names = {"-t", "--transactions"}, paramLabel = "FILE", required = true, arity = "1..*",
            description = "Transaction files: the alerts' evidence transactions are taken from them.")
    List<Path> transactions;

    @Option(names = {"-p", "--profiles"}, paramLabel = "FILE", arity = "1..*",
            description = "Party-profile files: the holders' KYC data and the bank's accounts.")
    List<Path> profiles = List.of();

    @Option(names = "--entity", paramLabel = "FILE",
            description = "Reporting entity YAML (see docs/examples/reporting-entity.yaml); absent fields become "
                    + "placeholders named in each draft.")
    Path entityFile;

    @Option(names = "--codes", paramLabel = "FILE",
            description = "The FIU's goAML lookup codes (indicators by typology, rule and family; transmode and funds "
                    + "by channel). Default: goAML's unknown code '-' throughout.")
    Path codesFile;

    @Option(names = "--xsd", paramLabel = "FILE",
            description = "Validate every draft against this goAML schema (e.g. the FIU's own, with its code lists).")
    Path xsd;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the drafts.")
    Path out;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "0",
            description = "Skip up to N bad input lines (default ${DEFAULT-VALUE}).")
    long maxErrors;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ErrorPolicy errors = new ErrorPolicy(maxErrors, e -> {
            err.println("skipped " + e);
            err.flush();
        });
        ReportingEntity entity;
        GoamlCodes codes;
        try {
            entity = entityFile == null ? ReportingEntity.placeholder() : ReportingEntity.read(entityFile);
            codes = codesFile == null ? GoamlCodes.defaults() : GoamlCodes.read(codesFile);
        } catch (ReportException e) {
            throw new UsageException(e.getMessage());
        }
        Validator validator = xsd == null ? null : validator(xsd);

        List<Alert> alerts = new ArrayList<>();
        Set<String> needed = new HashSet<>();
        try (RecordSource<Alert> src = RecordSource.open(alertsFile, null, Alert.getClassSchema(), errors)) {
            Alert a;
            while ((a = src.next()) != null) {
                alerts.add(a);
                needed.add(a.getTriggeringTxId());
                for (Signal s : a.getSignals()) {
                    needed.addAll(s.getEvidenceTxIds());
                }
                for (SignalEvidence ev : a.getEvidence()) {
                    ev.getTransactions().forEach(t -> needed.add(t.getTxId()));
                }
            }
        }
        ReportInputs inputs = new ReportInputs();
        for (Path p : profiles) {
            try (RecordSource<PartyProfile> src = RecordSource.open(p, null, PartyProfile.getClassSchema(), errors)) {
                PartyProfile pp;
                while ((pp = src.next()) != null) {
                    inputs.add(pp);
                }
            }
        }
        for (Path p : transactions) {
            try (RecordSource<Transaction> src = RecordSource.open(p, null, Transaction.getClassSchema(), errors)) {
                Transaction t;
                while ((t = src.next()) != null) {
                    if (needed.contains(t.getTxId())) {
                        inputs.add(t);
                    }
                }
            }
        }

        Files.createDirectories(out);
        GoamlStrWriter writer = new GoamlStrWriter(entity, codes, Clock.systemUTC());
        int written = 0;
        List<String> failed = new ArrayList<>();
        for (Alert a : alerts) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                writer.write(a, inputs, bytes);
            } catch (ReportException e) {
                failed.add(e.getMessage());
                continue;
            }
            if (validator != null) {
                try {
                    validator.validate(new StreamSource(new ByteArrayInputStream(bytes.toByteArray())));
                } catch (SAXException e) {
                    failed.add(GoamlStrWriter.fileName(a) + ": not valid against " + xsd + ": " + e.getMessage());
                    continue;
                }
            }
            Files.write(out.resolve(GoamlStrWriter.fileName(a)), bytes.toByteArray());
            written++;
        }
        o.printf("%d STR drafts written to %s (%d alerts, %d of their transactions found)%n", written, out,
                alerts.size(), inputs.transactionCount());
        if (!entity.placeholders().isEmpty()) {
            o.println("Placeholders for the reporting entity (complete before submission): "
                    + String.join(", ", entity.placeholders()));
        }
        for (String f : failed) {
            err.println("not drafted: " + f);
        }
        if (!failed.isEmpty()) {
            err.printf("exit 1: %d of %d alerts could not be drafted (listed above)%n", failed.size(), alerts.size());
            return Exit.FINDINGS;
        }
        return BacktestCommand.exit(err, null, errors);
    }

    private static Validator validator(Path xsd) {
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd.toFile()).newValidator();
        } catch (SAXException e) {
            throw new UsageException(xsd + ": not a usable XML schema: " + e.getMessage());
        }
    }
}
