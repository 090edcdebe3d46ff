/**
 * The protobuf field numbers of the Kubernetes types the sim accepts in protobuf (kubectl's typed clients send
 * `application/vnd.kubernetes.protobuf`), as the `protobuf:` struct tags of k8s.io/api and k8s.io/apimachinery
 * give them. One message a line: `number:jsonName:kind:flags` per field, where kind is
 * s string, y bytes (base64 in JSON), b bool, i int32, l int64, d double, M<Message>, T Time, U MicroTime,
 * I IntOrString, Q Quantity, D Duration, R RawExtension, F FieldsV1, E ExtraValue (a list of strings), and
 * `{<kind>` a map from string keys; flags: r repeated, n inlined into the parent's JSON (Go's `json:",inline"`),
 * z a zero value is kept (a pointer, or a field without omitempty), otherwise a zero value is dropped as Go's
 * omitempty drops it when the API server answers in JSON.
 */
export const MESSAGES: Readonly<Record<string, string>> = {
  Deployment: '1:metadata:MObjectMeta: 2:spec:MDeploymentSpec: 3:status:MDeploymentStatus:',
  ObjectMeta:
    '1:name:s: 2:generateName:s: 3:namespace:s: 4:selfLink:s: 5:uid:s: 6:resourceVersion:s: 7:generation:l: 8:creationTimestamp:T: 9:deletionTimestamp:T:z 10:deletionGracePeriodSeconds:l:z 11:labels:{s: 12:annotations:{s: 13:ownerReferences:MOwnerReference:r 14:finalizers:s:r 17:managedFields:MManagedFieldsEntry:r',
  OwnerReference:
    '5:apiVersion:s:z 1:kind:s:z 3:name:s:z 4:uid:s:z 6:controller:b:z 7:blockOwnerDeletion:b:z',
  ManagedFieldsEntry:
    '1:manager:s: 2:operation:s: 3:apiVersion:s: 4:time:T:z 6:fieldsType:s: 7:fieldsV1:F:z 8:subresource:s:',
  DeploymentSpec:
    '1:replicas:i:z 2:selector:MLabelSelector:z 3:template:MPodTemplateSpec:z 4:strategy:MDeploymentStrategy: 5:minReadySeconds:i: 6:revisionHistoryLimit:i:z 7:paused:b: 9:progressDeadlineSeconds:i:z',
  LabelSelector: '1:matchLabels:{s: 2:matchExpressions:MLabelSelectorRequirement:r',
  LabelSelectorRequirement: '1:key:s:z 2:operator:s:z 3:values:s:r',
  PodTemplateSpec: '1:metadata:MObjectMeta: 2:spec:MPodSpec:',
  PodSpec:
    '1:volumes:MVolume:r 20:initContainers:MContainer:r 2:containers:MContainer:rz 34:ephemeralContainers:MEphemeralContainer:r 3:restartPolicy:s: 4:terminationGracePeriodSeconds:l:z 5:activeDeadlineSeconds:l:z 6:dnsPolicy:s: 7:nodeSelector:{s: 8:serviceAccountName:s: 9:serviceAccount:s: 21:automountServiceAccountToken:b:z 10:nodeName:s: 11:hostNetwork:b: 12:hostPID:b: 13:hostIPC:b: 27:shareProcessNamespace:b:z 14:securityContext:MPodSecurityContext:z 15:imagePullSecrets:MLocalObjectReference:r 16:hostname:s: 17:subdomain:s: 18:affinity:MAffinity:z 19:schedulerName:s: 22:tolerations:MToleration:r 23:hostAliases:MHostAlias:r 24:priorityClassName:s: 25:priority:i:z 26:dnsConfig:MPodDNSConfig:z 28:readinessGates:MPodReadinessGate:r 29:runtimeClassName:s:z 30:enableServiceLinks:b:z 31:preemptionPolicy:s:z 32:overhead:{Q: 33:topologySpreadConstraints:MTopologySpreadConstraint:r 35:setHostnameAsFQDN:b:z 36:os:MPodOS:z 37:hostUsers:b:z 38:schedulingGates:MPodSchedulingGate:r 39:resourceClaims:MPodResourceClaim:r 40:resources:MResourceRequirements:z 41:hostnameOverride:s:z 43:schedulingGroup:MPodSchedulingGroup:z 44:evictionResponders:MEvictionResponder:r',
  Volume: '1:name:s:z 2:volumeSource:MVolumeSource:nz',
  VolumeSource:
    '1:hostPath:MHostPathVolumeSource:z 2:emptyDir:MEmptyDirVolumeSource:z 3:gcePersistentDisk:MGCEPersistentDiskVolumeSource:z 4:awsElasticBlockStore:MAWSElasticBlockStoreVolumeSource:z 5:gitRepo:MGitRepoVolumeSource:z 6:secret:MSecretVolumeSource:z 7:nfs:MNFSVolumeSource:z 8:iscsi:MISCSIVolumeSource:z 9:glusterfs:MGlusterfsVolumeSource:z 10:persistentVolumeClaim:MPersistentVolumeClaimVolumeSource:z 11:rbd:MRBDVolumeSource:z 12:flexVolume:MFlexVolumeSource:z 13:cinder:MCinderVolumeSource:z 14:cephfs:MCephFSVolumeSource:z 15:flocker:MFlockerVolumeSource:z 16:downwardAPI:MDownwardAPIVolumeSource:z 17:fc:MFCVolumeSource:z 18:azureFile:MAzureFileVolumeSource:z 19:configMap:MConfigMapVolumeSource:z 20:vsphereVolume:MVsphereVirtualDiskVolumeSource:z 21:quobyte:MQuobyteVolumeSource:z 22:azureDisk:MAzureDiskVolumeSource:z 23:photonPersistentDisk:MPhotonPersistentDiskVolumeSource:z 26:projected:MProjectedVolumeSource:z 24:portworxVolume:MPortworxVolumeSource:z 25:scaleIO:MScaleIOVolumeSource:z 27:storageos:MStorageOSVolumeSource:z 28:csi:MCSIVolumeSource:z 29:ephemeral:MEphemeralVolumeSource:z 30:image:MImageVolumeSource:z',
  HostPathVolumeSource: '1:path:s:z 2:type:s:z',
  EmptyDirVolumeSource: '1:medium:s: 2:sizeLimit:Q:z 3:mode:i:z',
  GCEPersistentDiskVolumeSource: '1:pdName:s:z 2:fsType:s: 3:partition:i: 4:readOnly:b:',
  AWSElasticBlockStoreVolumeSource: '1:volumeID:s:z 2:fsType:s: 3:partition:i: 4:readOnly:b:',
  GitRepoVolumeSource: '1:repository:s:z 2:revision:s: 3:directory:s:',
  SecretVolumeSource:
    '1:secretName:s: 2:items:MKeyToPath:r 3:defaultMode:i:z 4:optional:b:z 5:defaultUser:l:z',
  KeyToPath: '1:key:s:z 2:path:s:z 3:mode:i:z 4:user:l:z',
  NFSVolumeSource: '1:server:s:z 2:path:s:z 3:readOnly:b:',
  ISCSIVolumeSource:
    '1:targetPortal:s:z 2:iqn:s:z 3:lun:i:z 4:iscsiInterface:s: 5:fsType:s: 6:readOnly:b: 7:portals:s:r 8:chapAuthDiscovery:b: 11:chapAuthSession:b: 10:secretRef:MLocalObjectReference:z 12:initiatorName:s:z',
  LocalObjectReference: '1:name:s:',
  GlusterfsVolumeSource: '1:endpoints:s:z 2:path:s:z 3:readOnly:b:',
  PersistentVolumeClaimVolumeSource: '1:claimName:s:z 2:readOnly:b:',
  RBDVolumeSource:
    '1:monitors:s:rz 2:image:s:z 3:fsType:s: 4:pool:s: 5:user:s: 6:keyring:s: 7:secretRef:MLocalObjectReference:z 8:readOnly:b:',
  FlexVolumeSource:
    '1:driver:s:z 2:fsType:s: 3:secretRef:MLocalObjectReference:z 4:readOnly:b: 5:options:{s:',
  CinderVolumeSource: '1:volumeID:s:z 2:fsType:s: 3:readOnly:b: 4:secretRef:MLocalObjectReference:z',
  CephFSVolumeSource:
    '1:monitors:s:rz 2:path:s: 3:user:s: 4:secretFile:s: 5:secretRef:MLocalObjectReference:z 6:readOnly:b:',
  FlockerVolumeSource: '1:datasetName:s: 2:datasetUUID:s:',
  DownwardAPIVolumeSource: '1:items:MDownwardAPIVolumeFile:r 2:defaultMode:i:z 3:defaultUser:l:z',
  DownwardAPIVolumeFile:
    '1:path:s:z 2:fieldRef:MObjectFieldSelector:z 3:resourceFieldRef:MResourceFieldSelector:z 4:mode:i:z 5:user:l:z',
  ObjectFieldSelector: '1:apiVersion:s: 2:fieldPath:s:z',
  ResourceFieldSelector: '1:containerName:s: 2:resource:s:z 3:divisor:Q:',
  FCVolumeSource: '1:targetWWNs:s:r 2:lun:i:z 3:fsType:s: 4:readOnly:b: 5:wwids:s:r',
  AzureFileVolumeSource: '1:secretName:s:z 2:shareName:s:z 3:readOnly:b:',
  ConfigMapVolumeSource:
    '1:localObjectReference:MLocalObjectReference:nz 2:items:MKeyToPath:r 3:defaultMode:i:z 4:optional:b:z 5:defaultUser:l:z',
  VsphereVirtualDiskVolumeSource: '1:volumePath:s:z 2:fsType:s: 3:storagePolicyName:s: 4:storagePolicyID:s:',
  QuobyteVolumeSource: '1:registry:s:z 2:volume:s:z 3:readOnly:b: 4:user:s: 5:group:s: 6:tenant:s:',
  AzureDiskVolumeSource:
    '1:diskName:s:z 2:diskURI:s:z 3:cachingMode:s:z 4:fsType:s:z 5:readOnly:b:z 6:kind:s:z',
  PhotonPersistentDiskVolumeSource: '1:pdID:s:z 2:fsType:s:',
  ProjectedVolumeSource: '1:sources:MVolumeProjection:rz 2:defaultMode:i:z 3:defaultUser:l:z',
  VolumeProjection:
    '1:secret:MSecretProjection:z 2:downwardAPI:MDownwardAPIProjection:z 3:configMap:MConfigMapProjection:z 4:serviceAccountToken:MServiceAccountTokenProjection:z 5:clusterTrustBundle:MClusterTrustBundleProjection:z 6:podCertificate:MPodCertificateProjection:z',
  SecretProjection: '1:localObjectReference:MLocalObjectReference:nz 2:items:MKeyToPath:r 4:optional:b:z',
  DownwardAPIProjection: '1:items:MDownwardAPIVolumeFile:r',
  ConfigMapProjection: '1:localObjectReference:MLocalObjectReference:nz 2:items:MKeyToPath:r 4:optional:b:z',
  ServiceAccountTokenProjection: '1:audience:s: 2:expirationSeconds:l:z 3:path:s:z 4:user:l:z',
  ClusterTrustBundleProjection:
    '1:name:s:z 2:signerName:s:z 3:labelSelector:MLabelSelector:z 5:optional:b:z 4:path:s:z 6:user:l:z',
  PodCertificateProjection:
    '1:signerName:s: 2:keyType:s: 3:maxExpirationSeconds:i:z 4:credentialBundlePath:s: 5:keyPath:s: 6:certificateChainPath:s: 7:userAnnotations:{s: 8:user:l:z',
  PortworxVolumeSource: '1:volumeID:s:z 2:fsType:s: 3:readOnly:b:',
  ScaleIOVolumeSource:
    '1:gateway:s:z 2:system:s:z 3:secretRef:MLocalObjectReference:z 4:sslEnabled:b: 5:protectionDomain:s: 6:storagePool:s: 7:storageMode:s: 8:volumeName:s: 9:fsType:s: 10:readOnly:b:',
  StorageOSVolumeSource:
    '1:volumeName:s: 2:volumeNamespace:s: 3:fsType:s: 4:readOnly:b: 5:secretRef:MLocalObjectReference:z',
  CSIVolumeSource:
    '1:driver:s:z 2:readOnly:b:z 3:fsType:s:z 4:volumeAttributes:{s: 5:nodePublishSecretRef:MLocalObjectReference:z',
  EphemeralVolumeSource: '1:volumeClaimTemplate:MPersistentVolumeClaimTemplate:z',
  PersistentVolumeClaimTemplate: '1:metadata:MObjectMeta: 2:spec:MPersistentVolumeClaimSpec:z',
  PersistentVolumeClaimSpec:
    '1:accessModes:s:r 4:selector:MLabelSelector:z 2:resources:MVolumeResourceRequirements: 3:volumeName:s: 5:storageClassName:s:z 6:volumeMode:s:z 7:dataSource:MTypedLocalObjectReference:z 8:dataSourceRef:MTypedObjectReference:z 9:volumeAttributesClassName:s:z',
  VolumeResourceRequirements: '1:limits:{Q: 2:requests:{Q:',
  TypedLocalObjectReference: '1:apiGroup:s:z 2:kind:s:z 3:name:s:z',
  TypedObjectReference: '1:apiGroup:s:z 2:kind:s:z 3:name:s:z 4:namespace:s:z',
  ImageVolumeSource: '1:reference:s: 2:pullPolicy:s:',
  Container:
    '1:name:s:z 2:image:s: 3:command:s:r 4:args:s:r 5:workingDir:s: 6:ports:MContainerPort:r 19:envFrom:MEnvFromSource:r 7:env:MEnvVar:r 8:resources:MResourceRequirements: 23:resizePolicy:MContainerResizePolicy:r 24:restartPolicy:s:z 25:restartPolicyRules:MContainerRestartRule:r 9:volumeMounts:MVolumeMount:r 21:volumeDevices:MVolumeDevice:r 10:livenessProbe:MProbe:z 11:readinessProbe:MProbe:z 22:startupProbe:MProbe:z 12:lifecycle:MLifecycle:z 13:terminationMessagePath:s: 20:terminationMessagePolicy:s: 14:imagePullPolicy:s: 15:securityContext:MSecurityContext:z 16:stdin:b: 17:stdinOnce:b: 18:tty:b:',
  ContainerPort: '1:name:s: 2:hostPort:i: 3:containerPort:i:z 4:protocol:s: 5:hostIP:s:',
  EnvFromSource: '1:prefix:s: 2:configMapRef:MConfigMapEnvSource:z 3:secretRef:MSecretEnvSource:z',
  ConfigMapEnvSource: '1:localObjectReference:MLocalObjectReference:nz 2:optional:b:z',
  SecretEnvSource: '1:localObjectReference:MLocalObjectReference:nz 2:optional:b:z',
  EnvVar: '1:name:s:z 2:value:s: 3:valueFrom:MEnvVarSource:z',
  EnvVarSource:
    '1:fieldRef:MObjectFieldSelector:z 2:resourceFieldRef:MResourceFieldSelector:z 3:configMapKeyRef:MConfigMapKeySelector:z 4:secretKeyRef:MSecretKeySelector:z 5:fileKeyRef:MFileKeySelector:z',
  ConfigMapKeySelector: '1:localObjectReference:MLocalObjectReference:nz 2:key:s:z 3:optional:b:z',
  SecretKeySelector: '1:localObjectReference:MLocalObjectReference:nz 2:key:s:z 3:optional:b:z',
  FileKeySelector: '1:volumeName:s:z 2:path:s:z 3:key:s:z 4:optional:b:z',
  ResourceRequirements: '1:limits:{Q: 2:requests:{Q: 3:claims:MResourceClaim:r',
  ResourceClaim: '1:name:s:z 2:request:s:',
  ContainerResizePolicy: '1:resourceName:s:z 2:restartPolicy:s:z',
  ContainerRestartRule: '1:action:s: 2:exitCodes:MContainerRestartRuleOnExitCodes:z',
  ContainerRestartRuleOnExitCodes: '1:operator:s: 2:values:i:r',
  VolumeMount:
    '1:name:s:z 2:readOnly:b: 7:recursiveReadOnly:s:z 3:mountPath:s:z 4:subPath:s: 5:mountPropagation:s:z 6:subPathExpr:s: 8:bindMountOptions:s:r',
  VolumeDevice: '1:name:s:z 2:devicePath:s:z',
  Probe:
    '1:handler:MProbeHandler:nz 2:initialDelaySeconds:i: 3:timeoutSeconds:i: 4:periodSeconds:i: 5:successThreshold:i: 6:failureThreshold:i: 7:terminationGracePeriodSeconds:l:z',
  ProbeHandler:
    '1:exec:MExecAction:z 2:httpGet:MHTTPGetAction:z 3:tcpSocket:MTCPSocketAction:z 4:grpc:MGRPCAction:z',
  ExecAction: '1:command:s:r',
  HTTPGetAction: '1:path:s: 2:port:I:z 3:host:s: 4:scheme:s: 5:httpHeaders:MHTTPHeader:r 6:protocol:s:z',
  HTTPHeader: '1:name:s:z 2:value:s:z',
  TCPSocketAction: '1:port:I:z 2:host:s:',
  GRPCAction: '1:port:i:z 2:service:s:z 3:mode:s:z',
  Lifecycle: '1:postStart:MLifecycleHandler:z 2:preStop:MLifecycleHandler:z 3:stopSignal:s:z',
  LifecycleHandler:
    '1:exec:MExecAction:z 2:httpGet:MHTTPGetAction:z 3:tcpSocket:MTCPSocketAction:z 4:sleep:MSleepAction:z',
  SleepAction: '1:seconds:l:z',
  SecurityContext:
    '1:capabilities:MCapabilities:z 2:privileged:b:z 3:seLinuxOptions:MSELinuxOptions:z 10:windowsOptions:MWindowsSecurityContextOptions:z 4:runAsUser:l:z 8:runAsGroup:l:z 5:runAsNonRoot:b:z 6:readOnlyRootFilesystem:b:z 7:allowPrivilegeEscalation:b:z 9:procMount:s:z 11:seccompProfile:MSeccompProfile:z 12:appArmorProfile:MAppArmorProfile:z',
  Capabilities: '1:add:s:r 2:drop:s:r',
  SELinuxOptions: '1:user:s: 2:role:s: 3:type:s: 4:level:s:',
  WindowsSecurityContextOptions:
    '1:gmsaCredentialSpecName:s:z 2:gmsaCredentialSpec:s:z 3:runAsUserName:s:z 4:hostProcess:b:z',
  SeccompProfile: '1:type:s:z 2:localhostProfile:s:z',
  AppArmorProfile: '1:type:s:z 2:localhostProfile:s:z',
  EphemeralContainer: '1::MEphemeralContainerCommon:nz 2:targetContainerName:s:',
  EphemeralContainerCommon:
    '1:name:s:z 2:image:s: 3:command:s:r 4:args:s:r 5:workingDir:s: 6:ports:MContainerPort:r 19:envFrom:MEnvFromSource:r 7:env:MEnvVar:r 8:resources:MResourceRequirements: 23:resizePolicy:MContainerResizePolicy:r 24:restartPolicy:s:z 25:restartPolicyRules:MContainerRestartRule:r 9:volumeMounts:MVolumeMount:r 21:volumeDevices:MVolumeDevice:r 10:livenessProbe:MProbe:z 11:readinessProbe:MProbe:z 22:startupProbe:MProbe:z 12:lifecycle:MLifecycle:z 13:terminationMessagePath:s: 20:terminationMessagePolicy:s: 14:imagePullPolicy:s: 15:securityContext:MSecurityContext:z 16:stdin:b: 17:stdinOnce:b: 18:tty:b:',
  PodSecurityContext:
    '1:seLinuxOptions:MSELinuxOptions:z 8:windowsOptions:MWindowsSecurityContextOptions:z 2:runAsUser:l:z 6:runAsGroup:l:z 3:runAsNonRoot:b:z 4:supplementalGroups:l:r 12:supplementalGroupsPolicy:s:z 5:fsGroup:l:z 7:sysctls:MSysctl:r 9:fsGroupChangePolicy:s:z 10:seccompProfile:MSeccompProfile:z 11:appArmorProfile:MAppArmorProfile:z 13:seLinuxChangePolicy:s:z',
  Sysctl: '1:name:s:z 2:value:s:z',
  Affinity:
    '1:nodeAffinity:MNodeAffinity:z 2:podAffinity:MPodAffinity:z 3:podAntiAffinity:MPodAntiAffinity:z',
  NodeAffinity:
    '1:requiredDuringSchedulingIgnoredDuringExecution:MNodeSelector:z 2:preferredDuringSchedulingIgnoredDuringExecution:MPreferredSchedulingTerm:r',
  NodeSelector: '1:nodeSelectorTerms:MNodeSelectorTerm:rz',
  NodeSelectorTerm: '1:matchExpressions:MNodeSelectorRequirement:r 2:matchFields:MNodeSelectorRequirement:r',
  NodeSelectorRequirement: '1:key:s:z 2:operator:s:z 3:values:s:r',
  PreferredSchedulingTerm: '1:weight:i:z 2:preference:MNodeSelectorTerm:z',
  PodAffinity:
    '1:requiredDuringSchedulingIgnoredDuringExecution:MPodAffinityTerm:r 2:preferredDuringSchedulingIgnoredDuringExecution:MWeightedPodAffinityTerm:r',
  PodAffinityTerm:
    '1:labelSelector:MLabelSelector:z 2:namespaces:s:r 3:topologyKey:s:z 4:namespaceSelector:MLabelSelector:z 5:matchLabelKeys:s:r 6:mismatchLabelKeys:s:r',
  WeightedPodAffinityTerm: '1:weight:i:z 2:podAffinityTerm:MPodAffinityTerm:z',
  PodAntiAffinity:
    '1:requiredDuringSchedulingIgnoredDuringExecution:MPodAffinityTerm:r 2:preferredDuringSchedulingIgnoredDuringExecution:MWeightedPodAffinityTerm:r',
  Toleration: '1:key:s: 2:operator:s: 3:value:s: 4:effect:s: 5:tolerationSeconds:l:z',
  HostAlias: '1:ip:s:z 2:hostnames:s:r',
  PodDNSConfig: '1:nameservers:s:r 2:searches:s:r 3:options:MPodDNSConfigOption:r',
  PodDNSConfigOption: '1:name:s: 2:value:s:z',
  PodReadinessGate: '1:conditionType:s:z',
  TopologySpreadConstraint:
    '1:maxSkew:i:z 2:topologyKey:s:z 3:whenUnsatisfiable:s:z 4:labelSelector:MLabelSelector:z 5:minDomains:i:z 6:nodeAffinityPolicy:s:z 7:nodeTaintsPolicy:s:z 8:matchLabelKeys:s:r',
  PodOS: '1:name:s:z',
  PodSchedulingGate: '1:name:s:z',
  PodResourceClaim: '1:name:s:z 3:resourceClaimName:s:z 4:resourceClaimTemplateName:s:z',
  PodSchedulingGroup: '1:podGroupName:s:z',
  EvictionResponder: '1:name:s:z 2:priority:i:z',
  DeploymentStrategy: '1:type:s: 2:rollingUpdate:MRollingUpdateDeployment:z',
  RollingUpdateDeployment: '1:maxUnavailable:I:z 2:maxSurge:I:z',
  DeploymentStatus:
    '1:observedGeneration:l: 2:replicas:i: 3:updatedReplicas:i: 7:readyReplicas:i: 4:availableReplicas:i: 5:unavailableReplicas:i: 9:terminatingReplicas:i:z 6:conditions:MDeploymentCondition:r 8:collisionCount:i:z',
  DeploymentCondition:
    '1:type:s:z 2:status:s:z 6:lastUpdateTime:T: 7:lastTransitionTime:T: 4:reason:s: 5:message:s:',
  ReplicaSet: '1:metadata:MObjectMeta: 2:spec:MReplicaSetSpec: 3:status:MReplicaSetStatus:',
  ReplicaSetSpec:
    '1:replicas:i:z 4:minReadySeconds:i: 2:selector:MLabelSelector:z 3:template:MPodTemplateSpec:',
  ReplicaSetStatus:
    '1:replicas:i:z 2:fullyLabeledReplicas:i: 4:readyReplicas:i: 5:availableReplicas:i: 7:terminatingReplicas:i:z 3:observedGeneration:l: 6:conditions:MReplicaSetCondition:r',
  ReplicaSetCondition: '1:type:s:z 2:status:s:z 3:lastTransitionTime:T: 4:reason:s: 5:message:s:',
  ConfigMap: '1:metadata:MObjectMeta: 4:immutable:b:z 2:data:{s: 3:binaryData:{y:',
  Secret: '1:metadata:MObjectMeta: 5:immutable:b:z 2:data:{y: 4:stringData:{s: 3:type:s:',
  Job: '1:metadata:MObjectMeta: 2:spec:MJobSpec: 3:status:MJobStatus:',
  JobSpec:
    '1:parallelism:i:z 2:completions:i:z 3:activeDeadlineSeconds:l:z 11:podFailurePolicy:MPodFailurePolicy:z 16:successPolicy:MSuccessPolicy:z 7:backoffLimit:i:z 12:backoffLimitPerIndex:i:z 13:maxFailedIndexes:i:z 4:selector:MLabelSelector:z 5:manualSelector:b:z 6:template:MPodTemplateSpec:z 8:ttlSecondsAfterFinished:i:z 9:completionMode:s:z 10:suspend:b:z 14:podReplacementPolicy:s:z 15:managedBy:s:z 17:scheduling:MJobSchedulingConfiguration:z',
  PodFailurePolicy: '1:rules:MPodFailurePolicyRule:rz',
  PodFailurePolicyRule:
    '1:action:s:z 2:onExitCodes:MPodFailurePolicyOnExitCodesRequirement:z 3:onPodConditions:MPodFailurePolicyOnPodConditionsPattern:r',
  PodFailurePolicyOnExitCodesRequirement: '1:containerName:s:z 2:operator:s:z 3:values:i:rz',
  PodFailurePolicyOnPodConditionsPattern: '1:type:s:z 2:status:s:z',
  SuccessPolicy: '1:rules:MSuccessPolicyRule:rz',
  SuccessPolicyRule: '1:succeededIndexes:s:z 2:succeededCount:i:z',
  JobSchedulingConfiguration:
    '1:schedulingPolicy:s:z 2:schedulingConstraints:s:z 3:disruptionMode:s:z 4:resourceClaims:s:r',
  JobStatus:
    '1:conditions:MJobCondition:r 2:startTime:T:z 3:completionTime:T:z 4:active:i: 5:succeeded:i: 6:failed:i: 11:terminating:i:z 7:completedIndexes:s: 10:failedIndexes:s:z 8:uncountedTerminatedPods:MUncountedTerminatedPods:z 9:ready:i:z',
  JobCondition: '1:type:s:z 2:status:s:z 3:lastProbeTime:T: 4:lastTransitionTime:T: 5:reason:s: 6:message:s:',
  UncountedTerminatedPods: '1:succeeded:s:r 2:failed:s:r',
  Namespace: '1:metadata:MObjectMeta: 2:spec:MNamespaceSpec: 3:status:MNamespaceStatus:',
  NamespaceSpec: '1:finalizers:s:r',
  NamespaceStatus: '1:phase:s: 2:conditions:MNamespaceCondition:r',
  NamespaceCondition: '1:type:s:z 2:status:s:z 4:lastTransitionTime:T: 5:reason:s: 6:message:s:',
  Service: '1:metadata:MObjectMeta: 2:spec:MServiceSpec: 3:status:MServiceStatus:',
  ServiceSpec:
    '1:ports:MServicePort:r 2:selector:{s: 3:clusterIP:s: 18:clusterIPs:s:r 4:type:s: 5:externalIPs:s:r 7:sessionAffinity:s: 8:loadBalancerIP:s: 9:loadBalancerSourceRanges:s:r 10:externalName:s: 11:externalTrafficPolicy:s: 12:healthCheckNodePort:i: 13:publishNotReadyAddresses:b: 14:sessionAffinityConfig:MSessionAffinityConfig:z 19:ipFamilies:s:r 17:ipFamilyPolicy:s:z 20:allocateLoadBalancerNodePorts:b:z 21:loadBalancerClass:s:z 22:internalTrafficPolicy:s:z 23:trafficDistribution:s:z',
  ServicePort: '1:name:s: 2:protocol:s: 6:appProtocol:s:z 3:port:i:z 4:targetPort:I: 5:nodePort:i:',
  SessionAffinityConfig: '1:clientIP:MClientIPConfig:z',
  ClientIPConfig: '1:timeoutSeconds:i:z',
  ServiceStatus: '1:loadBalancer:MLoadBalancerStatus: 2:conditions:MCondition:r',
  LoadBalancerStatus: '1:ingress:MLoadBalancerIngress:r',
  LoadBalancerIngress: '1:ip:s: 2:hostname:s: 3:ipMode:s:z 4:ports:MPortStatus:r',
  PortStatus: '1:port:i:z 2:protocol:s:z 3:error:s:z',
  Condition:
    '1:type:s:z 2:status:s:z 3:observedGeneration:l: 4:lastTransitionTime:T:z 5:reason:s:z 6:message:s:z',
  Pod: '1:metadata:MObjectMeta: 2:spec:MPodSpec: 3:status:MPodStatus:',
  PodStatus:
    '17:observedGeneration:l: 1:phase:s: 2:conditions:MPodCondition:r 3:message:s: 4:reason:s: 11:nominatedNodeName:s: 5:hostIP:s: 16:hostIPs:MHostIP:r 6:podIP:s: 12:podIPs:MPodIP:r 7:startTime:T:z 10:initContainerStatuses:MContainerStatus:r 8:containerStatuses:MContainerStatus:r 9:qosClass:s: 13:ephemeralContainerStatuses:MContainerStatus:r 14:resize:s: 15:resourceClaimStatuses:MPodResourceClaimStatus:r 18:extendedResourceClaimStatus:MPodExtendedResourceClaimStatus:z 19:allocatedResources:{Q: 20:resources:MResourceRequirements:z 21:nodeAllocatableResourceClaimStatuses:MNodeAllocatableResourceClaimStatus:r 22:volumeHealth:MPodVolumeHealth:r',
  PodCondition:
    '1:type:s:z 7:observedGeneration:l: 2:status:s:z 3:lastProbeTime:T: 4:lastTransitionTime:T: 5:reason:s: 6:message:s:',
  HostIP: '1:ip:s:z',
  PodIP: '1:ip:s:z',
  ContainerStatus:
    '1:name:s:z 2:state:MContainerState: 3:lastState:MContainerState: 4:ready:b:z 5:restartCount:i:z 6:image:s:z 7:imageID:s:z 8:containerID:s: 9:started:b:z 10:allocatedResources:{Q: 11:resources:MResourceRequirements:z 12:volumeMounts:MVolumeMountStatus:r 13:user:MContainerUser:z 14:allocatedResourcesStatus:MResourceStatus:r 15:stopSignal:s:z',
  ContainerState:
    '1:waiting:MContainerStateWaiting:z 2:running:MContainerStateRunning:z 3:terminated:MContainerStateTerminated:z',
  ContainerStateWaiting: '1:reason:s: 2:message:s:',
  ContainerStateRunning: '1:startedAt:T:',
  ContainerStateTerminated:
    '1:exitCode:i:z 2:signal:i: 3:reason:s: 4:message:s: 5:startedAt:T: 6:finishedAt:T: 7:containerID:s:',
  VolumeMountStatus:
    '1:name:s:z 2:mountPath:s:z 3:readOnly:b: 4:recursiveReadOnly:s:z 5:volumeStatus:MVolumeStatus:z',
  VolumeStatus: '1:image:MImageVolumeStatus:z',
  ImageVolumeStatus: '1:imageRef:s:',
  ContainerUser: '1:linux:MLinuxContainerUser:z',
  LinuxContainerUser: '1:uid:l:z 2:gid:l:z 3:supplementalGroups:l:r',
  ResourceStatus: '1:name:s:z 2:resources:MResourceHealth:r',
  ResourceHealth: '1:resourceID:s:z 2:health:s: 6:message:s:z',
  PodResourceClaimStatus: '1:name:s:z 2:resourceClaimName:s:z',
  PodExtendedResourceClaimStatus:
    '1:requestMappings:MContainerExtendedResourceRequest:rz 2:resourceClaimName:s:z',
  ContainerExtendedResourceRequest: '1:containerName:s:z 2:resourceName:s:z 3:requestName:s:z',
  NodeAllocatableResourceClaimStatus:
    '1:resourceClaimName:s:z 2:containers:s:r 4:mapping:MNodeAllocatableMappedResources:r 5:overhead:MNodeAllocatableOverheadResources:r',
  NodeAllocatableMappedResources: '1:name:s:z 2:quantity:Q:z',
  NodeAllocatableOverheadResources: '1:name:s:z 2:perPod:Q:z 3:perContainer:Q:z',
  PodVolumeHealth: '1:name:s:z 2:healthConditions:MVolumeHealthCondition:r 3:lastTransitionTime:T:',
  VolumeHealthCondition: '1:status:s:z 2:reason:s:z 3:message:s:',
  ServiceAccount:
    '1:metadata:MObjectMeta: 2:secrets:MObjectReference:r 3:imagePullSecrets:MLocalObjectReference:r 4:automountServiceAccountToken:b:z',
  ObjectReference:
    '1:kind:s: 2:namespace:s: 3:name:s: 4:uid:s: 5:apiVersion:s: 6:resourceVersion:s: 7:fieldPath:s:',
  Endpoints: '1:metadata:MObjectMeta: 2:subsets:MEndpointSubset:r',
  EndpointSubset:
    '1:addresses:MEndpointAddress:r 2:notReadyAddresses:MEndpointAddress:r 3:ports:MEndpointPort:r',
  EndpointAddress: '1:ip:s:z 3:hostname:s: 4:nodeName:s:z 2:targetRef:MObjectReference:z',
  EndpointPort: '1:name:s: 2:port:i:z 3:protocol:s: 4:appProtocol:s:z',
  Event:
    '1:metadata:MObjectMeta:z 2:involvedObject:MObjectReference:z 3:reason:s: 4:message:s: 5:source:MEventSource: 6:firstTimestamp:T: 7:lastTimestamp:T: 8:count:i: 9:type:s: 10:eventTime:U: 11:series:MEventSeries:z 12:action:s: 13:related:MObjectReference:z 14:reportingComponent:s:z 15:reportingInstance:s:z',
  EventSource: '1:component:s: 2:host:s:',
  EventSeries: '1:count:i: 2:lastObservedTime:U:',
  Role: '1:metadata:MObjectMeta: 2:rules:MPolicyRule:rz',
  PolicyRule: '1:verbs:s:rz 2:apiGroups:s:r 3:resources:s:r 4:resourceNames:s:r 5:nonResourceURLs:s:r',
  RoleBinding: '1:metadata:MObjectMeta: 2:subjects:MSubject:r 3:roleRef:MRoleRef:z',
  Subject: '1:kind:s:z 2:apiGroup:s: 3:name:s:z 4:namespace:s:',
  RoleRef: '1:apiGroup:s:z 2:kind:s:z 3:name:s:z',
  ClusterRole: '1:metadata:MObjectMeta: 2:rules:MPolicyRule:rz 3:aggregationRule:MAggregationRule:z',
  AggregationRule: '1:clusterRoleSelectors:MLabelSelector:r',
  ClusterRoleBinding: '1:metadata:MObjectMeta: 2:subjects:MSubject:r 3:roleRef:MRoleRef:z',
  SelfSubjectAccessReview:
    '1:metadata:MObjectMeta: 2:spec:MSelfSubjectAccessReviewSpec:z 3:status:MSubjectAccessReviewStatus:',
  SelfSubjectAccessReviewSpec:
    '1:resourceAttributes:MResourceAttributes:z 2:nonResourceAttributes:MNonResourceAttributes:z',
  ResourceAttributes:
    '1:namespace:s: 2:verb:s: 3:group:s: 4:version:s: 5:resource:s: 6:subresource:s: 7:name:s: 8:fieldSelector:MFieldSelectorAttributes:z 9:labelSelector:MLabelSelectorAttributes:z',
  FieldSelectorAttributes: '1:rawSelector:s: 2:requirements:MFieldSelectorRequirement:r',
  FieldSelectorRequirement: '1:key:s:z 2:operator:s:z 3:values:s:r',
  LabelSelectorAttributes: '1:rawSelector:s: 2:requirements:MLabelSelectorRequirement:r',
  NonResourceAttributes: '1:path:s: 2:verb:s:',
  SubjectAccessReviewStatus: '1:allowed:b:z 4:denied:b: 2:reason:s: 3:evaluationError:s:',
  SubjectAccessReview:
    '1:metadata:MObjectMeta: 2:spec:MSubjectAccessReviewSpec:z 3:status:MSubjectAccessReviewStatus:',
  SubjectAccessReviewSpec:
    '1:resourceAttributes:MResourceAttributes:z 2:nonResourceAttributes:MNonResourceAttributes:z 3:user:s: 4:groups:s:r 5:extra:{E: 6:uid:s:',
  SelfSubjectRulesReview:
    '1:metadata:MObjectMeta: 2:spec:MSelfSubjectRulesReviewSpec:z 3:status:MSubjectRulesReviewStatus:',
  SelfSubjectRulesReviewSpec: '1:namespace:s:',
  SubjectRulesReviewStatus:
    '1:resourceRules:MResourceRule:rz 2:nonResourceRules:MNonResourceRule:rz 3:incomplete:b:z 4:evaluationError:s:',
  ResourceRule: '1:verbs:s:rz 2:apiGroups:s:r 3:resources:s:r 4:resourceNames:s:r',
  NonResourceRule: '1:verbs:s:rz 2:nonResourceURLs:s:r',
  SelfSubjectReview: '1:metadata:MObjectMeta: 2:status:MSelfSubjectReviewStatus:',
  SelfSubjectReviewStatus: '1:userInfo:MUserInfo:',
  UserInfo: '1:username:s: 2:uid:s: 3:groups:s:r 4:extra:{E:',
  TokenReview: '1:metadata:MObjectMeta: 2:spec:MTokenReviewSpec:z 3:status:MTokenReviewStatus:',
  TokenReviewSpec: '1:token:s: 2:audiences:s:r',
  TokenReviewStatus: '1:authenticated:b: 2:user:MUserInfo: 4:audiences:s:r 3:error:s:',
  Scale: '1:metadata:MObjectMeta: 2:spec:MScaleSpec: 3:status:MScaleStatus:',
  ScaleSpec: '1:replicas:i:',
  ScaleStatus: '1:replicas:i:z 2:selector:s:',
  HorizontalPodAutoscaler:
    '1:metadata:MObjectMeta: 2:spec:MHorizontalPodAutoscalerSpec: 3:status:MHorizontalPodAutoscalerStatus:',
  HorizontalPodAutoscalerSpec:
    '1:scaleTargetRef:MCrossVersionObjectReference:z 2:minReplicas:i:z 3:maxReplicas:i:z 4:targetCPUUtilizationPercentage:i:z',
  CrossVersionObjectReference: '1:kind:s:z 2:name:s:z 3:apiVersion:s:',
  HorizontalPodAutoscalerStatus:
    '1:observedGeneration:l:z 2:lastScaleTime:T:z 3:currentReplicas:i:z 4:desiredReplicas:i:z 5:currentCPUUtilizationPercentage:i:z',
  DeleteOptions:
    '1:gracePeriodSeconds:l:z 2:preconditions:MPreconditions:z 3:orphanDependents:b:z 4:propagationPolicy:s:z 5:dryRun:s:r 6:ignoreStoreReadErrorWithClusterBreakingPotential:b:z',
  Preconditions: '1:uid:s:z',
};

/** The top-level types accepted in protobuf, by kind: the apiVersion(s) whose schema MESSAGES holds. */
export const ROOTS: Readonly<Record<string, readonly string[]>> = {
  ConfigMap: ['v1'],
  Endpoints: ['v1'],
  Event: ['v1'],
  Namespace: ['v1'],
  Pod: ['v1'],
  Secret: ['v1'],
  Service: ['v1'],
  ServiceAccount: ['v1'],
  Deployment: ['apps/v1'],
  ReplicaSet: ['apps/v1'],
  Job: ['batch/v1'],
  HorizontalPodAutoscaler: ['autoscaling/v1'],
  Scale: ['autoscaling/v1'],
  Role: ['rbac.authorization.k8s.io/v1'],
  RoleBinding: ['rbac.authorization.k8s.io/v1'],
  ClusterRole: ['rbac.authorization.k8s.io/v1'],
  ClusterRoleBinding: ['rbac.authorization.k8s.io/v1'],
  SelfSubjectAccessReview: ['authorization.k8s.io/v1'],
  SubjectAccessReview: ['authorization.k8s.io/v1'],
  SelfSubjectRulesReview: ['authorization.k8s.io/v1'],
  SelfSubjectReview: ['authentication.k8s.io/v1'],
  TokenReview: ['authentication.k8s.io/v1'],
  DeleteOptions: ['v1', 'meta.k8s.io/v1'],
};
