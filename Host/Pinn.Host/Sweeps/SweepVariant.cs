using System.Text.Json.Nodes;

namespace Pinn.Host.Sweeps;

/// <summary>One run of a sweep: its id (its file and folder name), the swept values and its whole manifest.</summary>
/// <param name="Id">v000, v001, … (as many digits as the sweep needs).</param>
/// <param name="Values">Each swept path's value, in the order of the sweep's axes.</param>
/// <param name="Manifest">The base manifest with the values set and the name &lt;base name&gt;-&lt;id&gt;.</param>
internal sealed record SweepVariant(string Id, IReadOnlyList<KeyValuePair<string, JsonNode?>> Values, JsonObject Manifest)
{
    /// <summary>The values as <c>path = value, …</c>.</summary>
    public string Describe() => string.Join(", ", Values.Select(v => $"{v.Key} = {SweepAxis.Format(v.Value)}"));
}
