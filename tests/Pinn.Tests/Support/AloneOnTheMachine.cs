using Xunit;

namespace Pinn.Tests.Support;

/// <summary>Tests that read the whole machine's CPU time: they run after the parallel tests, one at a time, so that the
/// rest of the suite does not take the cores they measure.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneOnTheMachine
{
    public const string Name = "alone on the machine";
}
