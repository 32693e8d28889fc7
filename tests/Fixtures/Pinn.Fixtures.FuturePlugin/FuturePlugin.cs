using Pinn.Abstractions;

namespace Pinn.Fixtures.FuturePlugin;

/// <summary>Implements a contract of Pinn.Abstractions 2.0.</summary>
public sealed class FuturePlugin : IFutureContract
{
    /// <inheritdoc />
    public string Describe() => "built against Pinn.Abstractions 2.0.0";
}
