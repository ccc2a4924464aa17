using Basalt.Compose.Definition;
using Basalt.Imaging.Fat;

namespace Basalt.Compose.Tests.Definition;

public sealed class DiskSizesTests
{
    [Fact]
    public void MinEsp_HoldsTheSmallestFat32VolumeTheWriterMakes()
    {
        Assert.True(DiskSizes.MinEsp >= FatGeometry.MinimumSizeBytes, $"{DiskSizes.MinEsp} < {FatGeometry.MinimumSizeBytes}");
        Assert.True(DiskSizes.MinEsp - DiskSizes.Alignment < FatGeometry.MinimumSizeBytes, "MinEsp could be a MiB smaller");
    }
}
