namespace Pinn.Samplers.Standard.Sobol;

/// <summary>
/// The Sobol' direction numbers of Joe and Kuo (2008), set new-joe-kuo-6.21201, read once from the
/// resource <c>Sobol/new-joe-kuo-6.21201.compact.txt</c> (its header says where the table comes from and
/// what each column means).
/// </summary>
internal static class JoeKuoDirectionNumbers
{
    /// <summary>The manifest name of the embedded table (LogicalName in the csproj).</summary>
    internal const string ResourceName = "Pinn.Samplers.Standard.Sobol.new-joe-kuo-6.21201.compact.txt";

    private static readonly Lazy<JoeKuoRow[]> Table = new(Read);

    /// <summary>The largest dimension the table covers: 21201.</summary>
    public static int MaxDimension => Table.Value.Length + 1;

    /// <summary>The rows for dimensions 2, 3, …, <see cref="MaxDimension"/>, in order.</summary>
    public static IReadOnlyList<JoeKuoRow> Rows => Table.Value;

    /// <summary>
    /// Writes the direction integers v₁ … v_bits of <paramref name="dimension"/> (1-based) into
    /// <paramref name="directions"/>, left-aligned on <paramref name="bits"/> bits: v_k = m_k · 2^(bits−k),
    /// so that v_k / 2^bits = m_k / 2^k. Dimension 1 is van der Corput (all m_k = 1); dimension d ≥ 2
    /// continues m₁ … m_s by the recurrence of its primitive polynomial,
    /// v_k = c₁v_(k−1) ⊕ … ⊕ c_(s−1)v_(k−s+1) ⊕ v_(k−s) ⊕ (v_(k−s) ≫ s).
    /// </summary>
    public static void Fill(int dimension, int bits, Span<ulong> directions)
    {
        if (bits is < 1 or > 63) throw new ArgumentOutOfRangeException(nameof(bits), bits, "must be in 1..63");
        if (directions.Length != bits) throw new ArgumentException($"expected {bits} slots, got {directions.Length}", nameof(directions));
        if (dimension < 1 || dimension > MaxDimension)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"must be in 1..{MaxDimension}");
        if (dimension == 1)
        {
            for (var k = 0; k < bits; k++) directions[k] = 1UL << (bits - 1 - k);
            return;
        }
        var row = Table.Value[dimension - 2];
        var s = row.Degree;
        for (var k = 0; k < Math.Min(s, bits); k++) directions[k] = (ulong)row.InitialNumbers[k] << (bits - 1 - k);
        for (var k = s; k < bits; k++)
        {
            var v = directions[k - s] ^ (directions[k - s] >> s);
            for (var i = 1; i < s; i++)
                if (((row.Coefficients >> (s - 1 - i)) & 1) != 0) v ^= directions[k - i];
            directions[k] = v;
        }
    }

    private static JoeKuoRow[] Read()
    {
        using var stream = typeof(JoeKuoDirectionNumbers).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"sobol: the embedded resource {ResourceName} is missing from {typeof(JoeKuoDirectionNumbers).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var rows = new List<JoeKuoRow>(21200);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var numbers = new int[fields.Length];
            for (var i = 0; i < fields.Length; i++)
                if (!int.TryParse(fields[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out numbers[i]))
                    throw new InvalidDataException($"sobol: {ResourceName} line {lineNumber}: '{fields[i]}' is not a nonnegative integer");
            if (numbers.Length < 3 || numbers[0] < 1 || numbers.Length != 2 + numbers[0])
                throw new InvalidDataException($"sobol: {ResourceName} line {lineNumber}: expected 's a m_1 … m_s'");
            rows.Add(new JoeKuoRow(rows.Count + 2, numbers[0], numbers[1], numbers[2..]));
        }
        return [.. rows];
    }
}
