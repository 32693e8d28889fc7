namespace Pinn.Host.Manifests;

/// <summary>One mistake in a manifest, at a JSON path such as <c>$.optimizer.options.lr</c>.</summary>
internal sealed record ManifestError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Thrown when a manifest has mistakes; carries all of them.</summary>
internal sealed class ManifestException(string file, IReadOnlyList<ManifestError> errors)
    : Exception($"{file}: {errors.Count} problem(s):\n" + string.Join("\n", errors.Select(e => "  " + e)))
{
    /// <summary>The manifest file.</summary>
    public string File { get; } = file;

    /// <summary>Every mistake found.</summary>
    public IReadOnlyList<ManifestError> Errors { get; } = errors;
}
