using System.Text.Json;

namespace Pinn.Host.Manifests;

/// <summary>
/// Reads one JSON object of a manifest: typed fields with defaults and ranges, every mistake recorded
/// with its path rather than thrown, and keys nobody asked for reported as unknown.
/// </summary>
internal sealed class JsonSection(JsonElement element, string path, List<ManifestError> errors)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public string Path { get; } = path;

    public string At(string key) => $"{Path}.{key}";

    public void Error(string key, string message) => errors.Add(new ManifestError(At(key), message));

    public bool Has(string key)
    {
        _known.Add(key);
        return element.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;
    }

    public JsonElement? Raw(string key) => Has(key) ? element.GetProperty(key) : null;

    public string? String(string key, string? fallback = null, IReadOnlyList<string>? allowed = null, bool required = false)
    {
        if (!Has(key))
        {
            if (required) Error(key, "is required" + (allowed is null ? "" : $" (one of: {string.Join(", ", allowed)})"));
            return fallback;
        }
        var v = element.GetProperty(key);
        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            Error(key, "must be a non-empty string" + (allowed is null ? "" : $" (one of: {string.Join(", ", allowed)})"));
            return fallback;
        }
        var s = v.GetString()!;
        if (allowed is not null && !allowed.Contains(s))
        {
            Error(key, $"'{s}' is not allowed (one of: {string.Join(", ", allowed)})");
            return fallback;
        }
        return s;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="why"/>, if given,
    /// explains the range in the message.</summary>
    public long? Integer(string key, long? fallback, long min, long max = long.MaxValue, bool required = false, string? why = null)
    {
        if (!Has(key))
        {
            if (required) Error(key, "is required");
            return fallback;
        }
        return IntegerValue(element.GetProperty(key), At(key), min, max, why) ?? fallback;
    }

    public long? IntegerValue(JsonElement v, string at, long min, long max = long.MaxValue, string? why = null)
    {
        var range = why is not null ? $"≥ {min} and ≤ {max} ({why})"
                    : max == long.MaxValue ? $"≥ {min}"
                    : $"between {min} and {max}";
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n))
        {
            // A whole number beyond the range of a long is out of range, not of the wrong kind.
            var whole = v.ValueKind == JsonValueKind.Number && v.GetRawText().All(c => char.IsAsciiDigit(c) || c == '-');
            errors.Add(new ManifestError(at, whole ? $"must be {range}" : why is null ? "must be a whole number" : $"must be a whole number {range}"));
            return null;
        }
        if (n < min || n > max)
        {
            errors.Add(new ManifestError(at, $"must be {range}"));
            return null;
        }
        return n;
    }

    public double? Number(string key, double? fallback, double exclusiveMin = double.NegativeInfinity)
    {
        if (!Has(key)) return fallback;
        var v = element.GetProperty(key);
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var x) || !double.IsFinite(x))
        {
            Error(key, "must be a number");
            return fallback;
        }
        if (!(x > exclusiveMin))
        {
            Error(key, $"must be > {exclusiveMin}");
            return fallback;
        }
        return x;
    }

    public bool Boolean(string key, bool fallback)
    {
        if (!Has(key)) return fallback;
        var v = element.GetProperty(key);
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        Error(key, "must be true or false");
        return fallback;
    }

    public JsonSection? Object(string key, bool required)
    {
        if (!Has(key))
        {
            if (required) Error(key, "is required");
            return null;
        }
        var v = element.GetProperty(key);
        if (v.ValueKind != JsonValueKind.Object)
        {
            Error(key, "must be an object");
            return null;
        }
        return new JsonSection(v, At(key), errors);
    }

    /// <summary>The objects of the array <paramref name="key"/> (empty when it is absent; an error for anything but an
    /// array of objects, naming the item).</summary>
    public IReadOnlyList<JsonSection> Objects(string key)
    {
        if (!Has(key)) return [];
        var v = element.GetProperty(key);
        if (v.ValueKind != JsonValueKind.Array)
        {
            Error(key, "must be an array of objects");
            return [];
        }
        var result = new List<JsonSection>();
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            var at = $"{At(key)}[{i++}]";
            if (item.ValueKind == JsonValueKind.Object) result.Add(new JsonSection(item, at, errors));
            else errors.Add(new ManifestError(at, "must be an object"));
        }
        return result;
    }

    /// <summary>Reports every key that no reader asked for. Call after reading the section.</summary>
    public void RejectUnknownKeys()
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
            if (!_known.Contains(p.Name) && reported.Add(p.Name)) // a key written twice is one unknown key (and a duplicate)
                Error(p.Name, $"unknown key (allowed: {string.Join(", ", _known.Order(StringComparer.Ordinal))})");
    }
}
