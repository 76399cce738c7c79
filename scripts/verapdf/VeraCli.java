// A minimal veraPDF command line: the greenfield validator as a library (org.verapdf:validation-model on Maven
// Central; the official CLI app depends on a GUI artifact that is published only on veraPDF's own repository).
// Usage: java VeraCli <flavour, e.g. 2b> <file.pdf>...  Prints one PASS/FAIL line per file (and the failed rules);
// exits 1 when any file is not compliant, 2 on a usage or parse error.
import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

public final class VeraCli {
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: VeraCli <flavour> <file.pdf>...");
      System.exit(2);
    }
    VeraGreenfieldFoundryProvider.initialise();
    PDFAFlavour flavour = PDFAFlavour.fromString(args[0]);
    if (flavour == PDFAFlavour.NO_FLAVOUR) {
      System.err.println("verapdf: unknown flavour " + args[0]);
      System.exit(2);
    }
    int status = 0;
    for (int i = 1; i < args.length; i++) {
      File file = new File(args[i]);
      try (PDFAParser parser = Foundries.defaultInstance().createParser(file, flavour);
           PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
        ValidationResult result = validator.validate(parser);
        if (result.isCompliant()) {
          System.out.println("PASS " + flavour.getId() + " " + file.getPath());
          continue;
        }
        status = Math.max(status, 1);
        System.out.println("FAIL " + flavour.getId() + " " + file.getPath());
        // One line per failed rule (clause-test), with its message and how often it failed.
        Map<String, String> failed = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (TestAssertion a : result.getTestAssertions()) {
          if (a.getStatus() != TestAssertion.Status.FAILED) continue;
          String rule = a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber();
          failed.putIfAbsent(rule, a.getMessage());
          counts.merge(rule, 1, Integer::sum);
        }
        for (Map.Entry<String, String> e : failed.entrySet()) {
          System.out.println("  " + e.getKey() + " (" + counts.get(e.getKey()) + "x): " + e.getValue());
        }
      } catch (Exception e) {
        status = 2;
        System.out.println("ERROR " + flavour.getId() + " " + file.getPath() + ": " + e);
      }
    }
    System.exit(status);
  }
}
