using Pinn.Abstractions;

namespace Pinn.Fixtures.NextMinorPlugin;

/// <summary>Implements a contract of the next minor Pinn.Abstractions.</summary>
public sealed class NextMinorPlugin : INextMinorContract
{
    /// <inheritdoc />
    public string Describe() => "built against the next minor Pinn.Abstractions";
}
