namespace Pinn.Abstractions.Problems;

/// <summary>The names of a problem's unknown fields when it gives none: <c>u</c>, or <c>u1</c> … <c>um</c>.</summary>
internal static class FieldNames
{
    /// <summary><c>["u"]</c> for one field, <c>["u1", …, "um"]</c> for m fields, empty for none.</summary>
    public static string[] Default(int count)
        => count == 1 ? ["u"] : [.. Enumerable.Range(1, Math.Max(count, 0)).Select(i => $"u{i}")];

    /// <summary>Why <paramref name="names"/> cannot name <paramref name="count"/> fields, or null when they can:
    /// one non-empty name per field, each once.</summary>
    public static string? Problem(IReadOnlyList<string> names, int count, string what = "output")
    {
        if (names.Count != count) return $"{names.Count} {what} names for {count} {what}s";
        if (names.FirstOrDefault(string.IsNullOrWhiteSpace) is not null) return $"an {what} name is empty";
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return $"the {what} name '{twice.Key}' is given twice";
        return null;
    }
}
