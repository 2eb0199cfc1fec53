package org.htscreen.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.htscreen.avro.RoleHint;
import org.htscreen.avro.Typology;
import org.htscreen.core.rules.RuleSet;
import org.htscreen.workbench.io.ErrorPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Case recall, controller recall and benign alert rates per segment from labels with case_id and segment. */
class CaseEvaluationTest {

    @TempDir
    Path dir;

    static final String LABELS = """
            account_id,label,typology,role,case_id,segment
            C1,1,SEX,CONTROLLER,SEX-01,sex-ring
            V1,1,SEX,VICTIM,SEX-01,sex-ring
            C2,1,CRIM,CONTROLLER,CRIM-01,mule-ring
            V2,1,CRIM,VICTIM,CRIM-01,mule-ring
            C3,1,SHAM,CONTROLLER,SHAM-01,sham-ring
            L1,0,,,,landlord
            L2,0,,,,landlord
            K1,0,,,,kiosk-24h
            """;

    static AlertRow alert(String account, Typology t) {
        return new AlertRow(account, t, RoleHint.UNKNOWN, "tx-" + account, 0, 1.0, List.of("HT-CASH-01"));
    }

    Labels labels() throws IOException {
        Path f = dir.resolve("labels.csv");
        Files.writeString(f, LABELS);
        return Labels.read(f, ErrorPolicy.strict());
    }

    @Test
    void counts_cases_by_the_right_typology_on_any_member_controllers_and_benign_segments() throws IOException {
        // SEX-01: only the victim, right typology; CRIM-01: the mule alerted as SEX (wrong typology); SHAM-01: nothing
        List<AlertRow> alerts = List.of(alert("V1", Typology.SEXUAL_EXPLOITATION), alert("V2", Typology.SEXUAL_EXPLOITATION),
                alert("L1", Typology.MIGRANT_SMUGGLING));
        Labels labels = labels();
        assertTrue(CaseEvaluation.applies(labels));
        CaseEvaluation e = CaseEvaluation.of(alerts, Set.of("C1", "V1", "C2", "V2", "C3", "L1", "L2", "K1", "X9"), labels);
        assertEquals(3, e.overall().cases);
        assertEquals(1, e.overall().rightTypology);
        assertEquals(2, e.overall().anyAlert);
        assertEquals(0, e.controllerRecall(), 1e-9, "no controller alerted with its typology");
        assertEquals(0, e.perTypology().get(Typology.FORCED_CRIMINALITY).rightTypology);
        assertEquals(1, e.perTypology().get(Typology.FORCED_CRIMINALITY).anyAlert);
        assertEquals(4, e.benign().accounts, "L1, L2, K1 and the unlabelled X9");
        assertEquals(1, e.benign().alerted);
        assertEquals(0.5, e.perSegment().get("landlord").rate(), 1e-9);
        assertEquals(0, e.perSegment().get("kiosk-24h").rate(), 1e-9);
        assertEquals(1, e.perSegment().get("(no segment)").accounts);
    }

    @Test
    void the_backtest_summary_adds_cases_controllers_and_benign_only_when_the_labels_have_them() throws IOException {
        Evaluation with = Evaluation.of(List.of(alert("C1", Typology.SEXUAL_EXPLOITATION)), Set.of("C1", "L1"), labels(),
                RuleSet.bundled().catalogue());
        JsonNode json = with.json();
        assertEquals(1, json.get("controllers").get("alerted_right_typology").asInt());
        assertEquals(1.0 / 3, json.get("controllers").get("recall").asDouble(), 1e-6);
        assertEquals(1.0 / 3, json.get("cases").get("case_recall").asDouble(), 1e-6);
        assertEquals(0, json.get("benign").get("per_segment").get("landlord").get("alerted_accounts").asInt());
        assertTrue(with.text().contains("Cases: 3 planted; found with the right typology 1"), with.text());
        Path plain = dir.resolve("plain.csv");
        Files.writeString(plain, "account_id,label,typology,role\nC1,1,SEX,CONTROLLER\n");
        Evaluation without = Evaluation.of(List.of(), Set.of("C1"), Labels.read(plain, ErrorPolicy.strict()),
                RuleSet.bundled().catalogue());
        assertFalse(without.json().has("cases"));
        assertNull(without.cases());
    }
}
