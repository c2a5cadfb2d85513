using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentBot.Runner.Models;

public static class ModelServiceCollectionExtensions
{
    /// <summary>
    /// The registry, the prices and the <c>Models</c> section's validator. The host binds the section
    /// (<c>AddOptions&lt;ModelOptions&gt;().BindConfiguration(ModelOptions.Section).ValidateOnStart()</c>); this library
    /// has no configuration binder of its own.
    /// </summary>
    public static IServiceCollection AddModels(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ModelOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>());
        services.TryAddSingleton<ModelRegistry>();
        services.TryAddSingleton<ModelPrices>();
        return services;
    }
}
