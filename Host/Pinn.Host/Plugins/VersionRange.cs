namespace Pinn.Host.Plugins;

/// <summary>
/// A version constraint from a manifest: <c>*</c>, an exact or partial version (<c>1</c>, <c>1.2</c>,
/// <c>1.2.3</c>: every version that starts so), <c>^1.2</c> (same major, at least 1.2), <c>~1.2</c>
/// (same major and minor, at least 1.2), or space-separated comparators (<c>&gt;=1.0 &lt;2.0</c>).
/// </summary>
internal sealed class VersionRange
{
    private readonly List<Func<Version, bool>> _tests;

    private VersionRange(string text, List<Func<Version, bool>> tests)
    {
        Text = text;
        _tests = tests;
    }

    /// <summary>As written.</summary>
    public string Text { get; }

    /// <summary>Whether <paramref name="v"/> satisfies every part of the range.</summary>
    public bool Contains(Version v) => _tests.All(t => t(v));

    /// <summary>Parses a range; null with <paramref name="error"/> set when it is not one.</summary>
    public static VersionRange? Parse(string text, out string? error)
    {
        error = null;
        var tests = new List<Func<Version, bool>>();
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == "*") continue;
            var op = new string(part.TakeWhile(c => "<>=^~".Contains(c)).ToArray());
            var rest = part[op.Length..];
            if (!TryParse(rest, out var v, out var fields))
            {
                error = $"'{part}' is not a version (write e.g. 1.2.3, ^1.2, ~1.2, >=1.0 <2.0 or *)";
                return null;
            }
            Func<Version, bool>? test = op switch
            {
                "" or "=" => x => Prefix(x, v, fields),
                ">=" => x => Normal(x) >= v,
                ">" => x => Normal(x) > v,
                "<=" => x => Normal(x) <= v,
                "<" => x => Normal(x) < v,
                "^" => x => Normal(x) >= v && x.Major == v.Major,
                "~" => x => Normal(x) >= v && x.Major == v.Major && x.Minor == v.Minor,
                _ => null,
            };
            if (test is null)
            {
                error = $"'{op}' is not a comparison (use =, >=, >, <=, <, ^ or ~)";
                return null;
            }
            tests.Add(test);
        }
        return new VersionRange(text, tests);
    }

    private static bool TryParse(string s, out Version v, out int fields)
    {
        var parts = s.Split('.');
        fields = parts.Length;
        v = new Version(0, 0, 0);
        if (parts.Length is < 1 or > 3) return false;
        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], out numbers[i]) || numbers[i] < 0) return false;
        v = new Version(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    private static Version Normal(Version x) => new(x.Major, Math.Max(x.Minor, 0), Math.Max(x.Build, 0));

    private static bool Prefix(Version x, Version v, int fields)
        => x.Major == v.Major && (fields < 2 || x.Minor == v.Minor) && (fields < 3 || Math.Max(x.Build, 0) == v.Build);

    /// <inheritdoc />
    public override string ToString() => Text;
}
