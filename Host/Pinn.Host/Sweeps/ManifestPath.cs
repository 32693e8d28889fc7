using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pinn.Host.Sweeps;

/// <summary>
/// A field of a manifest named as in a sweep file: keys separated by dots, array elements by [index]
/// (<c>optimizer.options.lr</c>, <c>model.hidden[0]</c>, <c>stages[1].budget.steps</c>).
/// </summary>
internal sealed partial class ManifestPath
{
    private readonly IReadOnlyList<object> _segments; // string keys and int indices

    private ManifestPath(string text, IReadOnlyList<object> segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>As written.</summary>
    public string Text { get; }

    /// <summary>The path, or null with the reason when it is not one.</summary>
    public static ManifestPath? Parse(string text, out string? why)
    {
        why = null;
        var segments = new List<object>();
        if (!Syntax().IsMatch(text))
        {
            why = $"\"{text}\" is not a manifest path (keys separated by '.', array elements as [index], e.g. optimizer.options.lr or model.hidden[0])";
            return null;
        }
        foreach (Match m in Segment().Matches(text))
        {
            if (m.Groups["key"].Success) segments.Add(m.Groups["key"].Value);
            else segments.Add(int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return new ManifestPath(text, segments);
    }

    /// <summary>
    /// Sets the field in <paramref name="manifest"/> to <paramref name="value"/>. Every object and array on the way must
    /// exist (a plugin's <c>options</c> object is created when the manifest leaves it out); the last key may be new,
    /// the manifest's own check then says whether it is allowed. Returns why it cannot be set, or null.
    /// </summary>
    public string? Set(JsonObject manifest, JsonNode? value)
    {
        JsonNode current = manifest;
        var at = "$";
        for (var i = 0; i < _segments.Count; i++)
        {
            var last = i == _segments.Count - 1;
            switch (_segments[i], current)
            {
                case (string key, JsonObject o):
                    if (last)
                    {
                        o[key] = value?.DeepClone();
                        return null;
                    }
                    if (!o.ContainsKey(key) && key == "options") o[key] = new JsonObject();
                    if (o[key] is not { } next)
                        return $"{at} has no \"{key}\" (it has: {(o.Count == 0 ? "nothing" : string.Join(", ", o.Select(p => p.Key)))})";
                    current = next;
                    at += "." + key;
                    break;
                case (int index, JsonArray a):
                    if (index >= a.Count) return $"{at} has {a.Count} element{(a.Count == 1 ? "" : "s")}, so there is no [{index}]";
                    if (last)
                    {
                        a[index] = value?.DeepClone();
                        return null;
                    }
                    if (a[index] is not { } element) return $"{at}[{index}] is null";
                    current = element;
                    at += $"[{index}]";
                    break;
                case (string key, _):
                    return $"{at} is not an object, so it has no \"{key}\"";
                default:
                    return $"{at} is not an array, so it has no [{_segments[i]}]";
            }
        }
        return null;
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*(\[\d{1,6}\])*(\.[A-Za-z_][A-Za-z0-9_-]*(\[\d{1,6}\])*)*$")]
    private static partial Regex Syntax();

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_-]*)|\[(?<index>\d+)\]")]
    private static partial Regex Segment();
}
