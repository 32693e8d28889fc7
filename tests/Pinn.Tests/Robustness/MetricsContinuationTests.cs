using System.Text;
using Pinn.Host.Training;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Robustness;

/// <summary>metrics.csv is only appended to, cut back at a row boundary, or replaced whole: a resume never
/// rewrites it in place (a kill during a rewrite lost rows) and never appends one run's rows to another's file.</summary>
public sealed class MetricsContinuationTests
{
    private const string Header = "step,stage,optimizer,seconds,loss,loss_interior,relL2,stepSize,diagnostics";

    private static string Row(long step) => $"{step},0,adam,{step * 0.5},1,1,,0.001,";

    private static void WriteRows(MetricsWriter writer, params long[] steps)
    {
        foreach (var s in steps) writer.Write(s, 0, "adam", s * 0.5, 1, new Dictionary<string, double> { ["interior"] = 1 }, null, 0.001, new Dictionary<string, double>());
    }

    [Fact]
    public void Continuing_in_place_cuts_the_file_after_the_checkpoint_step_and_drops_a_half_written_row()
    {
        using var temp = new TemporaryDirectory();
        var path = temp.Combine("metrics.csv");
        var kept = string.Join("\n", [Header, .. Enumerable.Range(1, 4).Select(i => Row(i))]) + "\n";
        File.WriteAllText(path, kept + Row(5) + "\n" + Row(6) + "\n7,0,ad");
        using (var writer = new MetricsWriter(path, ["interior"], continueAfterStep: 4))
        {
            File.ReadAllText(path).ShouldBe(kept);
            WriteRows(writer, 5);
        }
        File.ReadAllText(path).ShouldBe(kept + Row(5) + "\n");
    }

    [Fact]
    public void Continuing_another_runs_file_copies_its_kept_rows_and_leaves_it_untouched()
    {
        using var temp = new TemporaryDirectory();
        var source = temp.Combine("a.csv");
        var original = string.Join("\n", [Header, .. Enumerable.Range(1, 6).Select(i => Row(i))]) + "\n";
        File.WriteAllText(source, original);
        var target = temp.Combine("b.csv");
        using (var writer = new MetricsWriter(target, ["interior"], continueAfterStep: 3, continueFrom: source))
            WriteRows(writer, 4);
        File.ReadAllText(source).ShouldBe(original);
        File.ReadAllLines(target).ShouldBe([Header, Row(1), Row(2), Row(3), Row(4)]);
    }

    [Fact]
    public void A_file_with_other_columns_is_not_continued()
    {
        using var temp = new TemporaryDirectory();
        var path = temp.Combine("metrics.csv");
        File.WriteAllText(path, "step,loss\n1,2\n", Encoding.UTF8);
        Should.Throw<InvalidDataException>(() => new MetricsWriter(path, ["interior"], continueAfterStep: 1)).Message.ShouldContain("its columns are not those of this run");
    }
}
