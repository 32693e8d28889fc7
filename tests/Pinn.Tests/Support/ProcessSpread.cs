using System.Text.Json.Nodes;
using Shouldly;

namespace Pinn.Tests.Support;

/// <summary>Checks on the rows a bench writes with <c>--processes N</c>: per row the N ratios, their median and min–max, and
/// the milliseconds' median inside their min–max.</summary>
internal static class ProcessSpread
{
    /// <param name="isReference">The rows whose ratios are all 1 (the reference of the ratios).</param>
    public static void ShouldSummarise(JsonArray rows, int processes, Func<JsonNode, bool> isReference)
    {
        foreach (var r in rows)
        {
            var ratios = r!["ratios"]!.AsArray().Select(x => x!.GetValue<double>()).Order().ToArray();
            ratios.Length.ShouldBe(processes);
            r["medianRatio"]!.GetValue<double>().ShouldBe(processes % 2 == 1 ? ratios[processes / 2] : 0.5 * (ratios[processes / 2 - 1] + ratios[processes / 2]));
            r["minRatio"]!.GetValue<double>().ShouldBe(ratios[0]);
            r["maxRatio"]!.GetValue<double>().ShouldBe(ratios[^1]);
            r["minMs"]!.GetValue<double>().ShouldBeLessThanOrEqualTo(r["medianMs"]!.GetValue<double>());
            r["medianMs"]!.GetValue<double>().ShouldBeLessThanOrEqualTo(r["maxMs"]!.GetValue<double>());
            if (isReference(r)) ratios.ShouldAllBe(x => x == 1.0);
        }
    }
}
