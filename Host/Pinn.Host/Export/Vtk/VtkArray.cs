namespace Pinn.Host.Export.Vtk;

/// <summary>A named scalar array of a VTK data set: Float64 values, or UInt8 flags when <see cref="Flags"/> is set.</summary>
/// <param name="Name">The array's name as ParaView shows it.</param>
/// <param name="Values">One value per point (or cell).</param>
/// <param name="Flags">Write as UInt8 (e.g. vtkGhostType), the values being whole numbers 0–255.</param>
internal sealed record VtkArray(string Name, double[] Values, bool Flags = false);
