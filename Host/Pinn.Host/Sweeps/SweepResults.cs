using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Host.Training;

namespace Pinn.Host.Sweeps;

/// <summary>
/// The results of a sweep folder: every variant's final and best relative L2, loss, steps and seconds; the variants
/// grouped over seeds (every swept value but the seed equal) with mean ± std, median, min and max of the final
/// relative L2; the best configuration (lowest mean); written as results.csv, results.json and charts.
/// </summary>
internal sealed class SweepResults
{
    private SweepResults(IReadOnlyList<SweepAxis> axes, IReadOnlyList<VariantOutcome> outcomes)
    {
        Axes = axes;
        Outcomes = outcomes;
        Groups = outcomes.GroupBy(o => Key(o.Variant))
                         .Select(g => new Group(g.First().Variant.Values.Where(v => v.Key != "seed").ToArray(), g.ToArray()))
                         .ToArray();
        Best = Groups.Where(g => g.Count > 0).OrderBy(g => g.Mean).FirstOrDefault();
    }

    public IReadOnlyList<SweepAxis> Axes { get; }
    public IReadOnlyList<VariantOutcome> Outcomes { get; }
    public IReadOnlyList<Group> Groups { get; }
    public Group? Best { get; }

    /// <summary>Variants with the same values but the seed, and the statistics of their final relative L2.</summary>
    internal sealed record Group(IReadOnlyList<KeyValuePair<string, System.Text.Json.Nodes.JsonNode?>> Values, IReadOnlyList<VariantOutcome> Members)
    {
        private double[] Errors => Members.Where(m => m.Status == VariantOutcome.Done && m.RelL2 is { } e && double.IsFinite(e)).Select(m => m.RelL2!.Value).Order().ToArray();
        public int Count => Errors.Length;
        public double Mean => Count == 0 ? double.NaN : Errors.Average();
        public double Std => Count < 2 ? 0 : Math.Sqrt(Errors.Sum(e => (e - Mean) * (e - Mean)) / (Count - 1));
        public double Median => Count == 0 ? double.NaN : Count % 2 == 1 ? Errors[Count / 2] : 0.5 * (Errors[Count / 2 - 1] + Errors[Count / 2]);
        public double Min => Count == 0 ? double.NaN : Errors[0];
        public double Max => Count == 0 ? double.NaN : Errors[^1];
        public string Describe() => Values.Count == 0 ? "(all)" : string.Join(", ", Values.Select(v => $"{v.Key} = {SweepAxis.Format(v.Value)}"));
    }

    /// <summary>Reads every variant's run of <paramref name="folder"/>.</summary>
    public static SweepResults Collect(SweepFolder folder)
    {
        var (axes, variants) = folder.Read();
        return new SweepResults(axes, variants.Select(v => Outcome(folder, v)).ToArray());
    }

    /// <summary>How a variant's run ended (not run when its folder has no summary).</summary>
    public static VariantOutcome Outcome(SweepFolder folder, SweepVariant variant)
    {
        var summary = Path.Combine(folder.Run(variant.Id), "summary.json");
        if (!File.Exists(summary))
            return new VariantOutcome(variant, File.Exists(Path.Combine(folder.Run(variant.Id), "checkpoint.bin")) ? VariantOutcome.Interrupted : VariantOutcome.NotRun,
                                      null, null, null, null, null, "");
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(summary))!.AsObject();
            double? Number(string key) => json[key] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
            var stopped = json["stoppedBecause"]?.GetValue<string>() ?? "";
            var status = stopped.StartsWith("failed", StringComparison.Ordinal) ? VariantOutcome.Failed
                : stopped.StartsWith("interrupted", StringComparison.Ordinal) ? VariantOutcome.Interrupted : VariantOutcome.Done;
            return new VariantOutcome(variant, status, Number("relL2"), Number("bestRelL2"), Number("loss"), (long?)Number("steps"), Number("seconds"),
                                      status == VariantOutcome.Failed ? stopped : "");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IOException)
        {
            return new VariantOutcome(variant, VariantOutcome.Failed, null, null, null, null, null, $"unreadable summary.json: {e.Message}");
        }
    }

    private static string Key(SweepVariant v) => string.Join("\u0001", v.Values.Where(p => p.Key != "seed").Select(p => $"{p.Key}={p.Value?.ToJsonString()}"));

    /// <summary>results.csv, results.json and the charts into the folder.</summary>
    public void Write(SweepFolder folder)
    {
        var csv = new StringBuilder();
        var paths = Axes.Select(a => a.Path).ToArray();
        csv.AppendLine(string.Join(",", ["id", .. paths.Select(Quote), "status", "relL2", "bestRelL2", "loss", "steps", "seconds", "error"]));
        foreach (var o in Outcomes)
        {
            var values = paths.Select(p => Quote(o.Variant.Values.FirstOrDefault(v => v.Key == p).Value?.ToJsonString() ?? ""));
            csv.AppendLine(string.Join(",", [o.Variant.Id, .. values, o.Status, F(o.RelL2), F(o.BestRelL2), F(o.Loss),
                                             o.Steps?.ToString(CultureInfo.InvariantCulture) ?? "", F(o.Seconds), Quote(o.Error)]));
        }
        AtomicFile.WriteAllText(folder.ResultsCsv, csv.ToString());

        JsonNode Stats(Group g) => new JsonObject
        {
            ["values"] = new JsonObject(g.Values.Select(v => new KeyValuePair<string, JsonNode?>(v.Key, v.Value?.DeepClone()))),
            ["runs"] = g.Members.Count, ["finished"] = g.Count,
            ["mean"] = N(g.Mean), ["std"] = N(g.Std), ["median"] = N(g.Median), ["min"] = N(g.Min), ["max"] = N(g.Max),
            ["variants"] = new JsonArray(g.Members.Select(m => (JsonNode)m.Variant.Id).ToArray()),
        };
        var json = new JsonObject
        {
            ["variants"] = new JsonArray(Outcomes.Select(o => (JsonNode)new JsonObject
            {
                ["id"] = o.Variant.Id,
                ["values"] = new JsonObject(o.Variant.Values.Select(v => new KeyValuePair<string, JsonNode?>(v.Key, v.Value?.DeepClone()))),
                ["status"] = o.Status, ["relL2"] = N(o.RelL2), ["bestRelL2"] = N(o.BestRelL2), ["loss"] = N(o.Loss),
                ["steps"] = o.Steps, ["seconds"] = N(o.Seconds), ["error"] = o.Error,
            }).ToArray()),
            ["groups"] = new JsonArray(Groups.Select(Stats).ToArray()),
            ["best"] = Best is null ? null : Stats(Best),
        };
        AtomicFile.WriteAllText(folder.ResultsJson, json.ToJsonString(ReadableJson.Options()) + "\n");
        SweepChart.Save(folder, this);
    }

    /// <summary>
    /// One line per variant (status, final and best relative L2, loss, steps, seconds, values), then one line per group
    /// over seeds, best first: runs finished, final relative L2 (mean ± std over seeds), median, min, max, the
    /// best seen during training, and the configuration last (long ones wrap in the terminal without breaking the columns).
    /// </summary>
    public void Print()
    {
        Console.Out.WriteLine($"{"id",-8}{"status",-13}{"relL2",-10}{"best",-10}{"loss",-10}{"steps",-8}{"seconds",-9}values");
        foreach (var o in Outcomes)
            Console.Out.WriteLine($"{o.Variant.Id,-8}{o.Status,-13}{E(o.RelL2 ?? double.NaN),-10}{E(o.BestRelL2 ?? double.NaN),-10}{E(o.Loss ?? double.NaN),-10}"
                                  + $"{o.Steps?.ToString(CultureInfo.InvariantCulture) ?? "—",-8}{o.Seconds?.ToString("F1", CultureInfo.InvariantCulture) ?? "—",-9}{o.Variant.Describe()}");
        Console.Out.WriteLine();
        var seeds = Outcomes.Any(o => o.Variant.Values.Any(v => v.Key == "seed"));
        Console.Out.WriteLine($"{"runs",-6}{(seeds ? "relL2 mean ± std" : "relL2"),-22}{"median",-10}{"min",-10}{"max",-10}{"best seen",-11}configuration");
        foreach (var g in Groups.OrderBy(g => double.IsNaN(g.Mean) ? double.MaxValue : g.Mean))
        {
            var bestSeen = g.Members.Where(m => m.BestRelL2 is not null).Select(m => m.BestRelL2!.Value).DefaultIfEmpty(double.NaN).Min();
            var mean = g.Count == 0 ? "—" : seeds ? $"{E(g.Mean)} ± {E(g.Std)}" : E(g.Mean);
            Console.Out.WriteLine($"{$"{g.Count}/{g.Members.Count}",-6}{mean,-22}{E(g.Median),-10}{E(g.Min),-10}{E(g.Max),-10}{E(bestSeen),-11}{g.Describe()}");
        }
        foreach (var o in Outcomes.Where(o => o.Status != VariantOutcome.Done))
            Console.Out.WriteLine($"{o.Variant.Id} {o.Status}{(o.Error.Length > 0 ? ": " + o.Error : "")} ({o.Variant.Describe()})");
        if (Best is not null)
            Console.Out.WriteLine($"best: {Best.Describe()}: relL2 {E(Best.Mean)}{(seeds ? $" ± {E(Best.Std)} over {Best.Count} seeds" : "")}");
    }

    private static string E(double v) => double.IsNaN(v) ? "—" : v.ToString("0.00e+00", CultureInfo.InvariantCulture);
    private static string F(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";
    private static JsonNode? N(double? v) => v is { } d && double.IsFinite(d) ? JsonValue.Create(d) : null;
    private static string Quote(string s) => s.Contains(',') || s.Contains('"') || s.Contains('\n') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
