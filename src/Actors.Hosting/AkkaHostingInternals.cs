using System.Runtime.CompilerServices;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorShutdown.Hosting;

/// <summary>
/// What Akka.Hosting keeps internal and <c>WithShutdownGuardian</c> needs: the service collection the builder was made
/// for, to read the host's <c>HostOptions</c> before the actor system starts (see <see cref="HostShutdownTimeout"/>).
/// An <see cref="UnsafeAccessorAttribute"/> reads the field without reflection's cost; AkkaHostingInternalsTests fails
/// loudly if Akka.Hosting renames or retypes it.
/// </summary>
internal static class AkkaHostingInternals
{
    internal static IServiceCollection Services(AkkaConfigurationBuilder builder) => ServiceCollection(builder);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "ServiceCollection")]
    private static extern ref readonly IServiceCollection ServiceCollection(AkkaConfigurationBuilder builder);
}
