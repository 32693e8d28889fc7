namespace Pinn.Host.Inference;

/// <summary>The inputs a picture or an export holds fixed, said briefly: neighbouring inputs at the same value share one
/// "=", so that a cut through a 100-dimensional domain fits a title (<c>t = 1, x3 … x100 = 0.5</c>).</summary>
internal static class FixedInputs
{
    /// <param name="inputs">The fixed inputs in the problem's order, each with its value as it is to be shown.</param>
    public static string Describe(IReadOnlyList<(string Name, string Value)> inputs)
    {
        var parts = new List<string>();
        for (var first = 0; first < inputs.Count;)
        {
            var last = first;
            while (last + 1 < inputs.Count && inputs[last + 1].Value == inputs[first].Value) last++;
            var names = (last - first) switch
            {
                0 => inputs[first].Name,
                1 => $"{inputs[first].Name} = {inputs[last].Name}",
                _ => $"{inputs[first].Name} … {inputs[last].Name}",
            };
            parts.Add($"{names} = {inputs[first].Value}");
            first = last + 1;
        }
        return string.Join(", ", parts);
    }
}
