using System.Globalization;
using System.Text.Json.Nodes;

namespace Pinn.Host.Sweeps;

/// <summary>
/// One swept field of the manifest: its JSON path and the values it takes. A grid axis lists its values; an axis of a
/// random or quasi-random space maps u ∈ [0, 1) to a value: <c>{"uniform": [a, b]}</c> (a + u(b − a)),
/// <c>{"log": [a, b]}</c> (a·(b/a)^u, a, b &gt; 0), <c>{"int": [a, b]}</c> (a … b, each equally likely) or
/// <c>{"choice": [v₀, v₁, …]}</c> (any JSON values, each equally likely).
/// </summary>
/// <param name="Path">The manifest path it sets, e.g. <c>optimizer.options.lr</c> or <c>model.hidden[0]</c>.</param>
/// <param name="Kind">values, uniform, log, int or choice.</param>
/// <param name="Values">The values of a grid or choice axis.</param>
/// <param name="Low">The lower end of a uniform, log or int axis.</param>
/// <param name="High">The upper end of a uniform, log or int axis.</param>
/// <param name="Where">Where the sweep file defines it, e.g. <c>$.grid["seed"]</c>.</param>
internal sealed record SweepAxis(string Path, string Kind, IReadOnlyList<JsonNode?> Values, double Low = 0, double High = 0, string Where = "$")
{
    /// <summary>The kinds of a random or quasi-random space.</summary>
    public static readonly string[] SpaceKinds = ["uniform", "log", "int", "choice"];

    /// <summary>Whether the axis is the run's seed (grouped over in the results).</summary>
    public bool IsSeed => Path == "seed";

    /// <summary>Whether its values are numbers, so that a chart can put them on an axis.</summary>
    public bool IsNumeric => Kind is "uniform" or "log" or "int" || Values.All(v => v is JsonValue value && value.TryGetValue<double>(out _));

    /// <summary>Whether a chart should put it on a logarithmic axis.</summary>
    public bool IsLogarithmic => Kind == "log";

    /// <summary>The value at u ∈ [0, 1) of a random or quasi-random space.</summary>
    public JsonNode? At(double u) => Kind switch
    {
        "uniform" => JsonValue.Create(Low + u * (High - Low)),
        "log" => JsonValue.Create(Low * Math.Pow(High / Low, u)),
        "int" => JsonValue.Create((long)Math.Min(High, Math.Floor(Low + u * (High - Low + 1)))),
        "choice" => Values[Math.Min(Values.Count - 1, (int)Math.Floor(u * Values.Count))]?.DeepClone(),
        _ => throw new InvalidOperationException($"a {Kind} axis has no space"),
    };

    /// <summary>A value as a table cell: numbers with up to 4 significant digits, other JSON as written.</summary>
    public static string Format(JsonNode? value)
        => value is JsonValue v && v.TryGetValue<double>(out var d) && !v.TryGetValue<long>(out _)
            ? d.ToString("G4", CultureInfo.InvariantCulture)
            : value?.ToJsonString() ?? "null";
}
